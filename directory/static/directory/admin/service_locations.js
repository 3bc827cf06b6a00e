/*
 * Organisation editor in the Wagtail admin: a location added in the browser can be chosen by
 * the services at once, before the draft is saved.
 *
 * Why: a service chooses its locations by the UUID of each location row
 * (directory/location_links.py). Wagtail's InlinePanel adds a location row by copying an empty
 * template row, which has no UUID, so the server could not offer the new row to services until
 * a save gave it one. Here the added row gets a fresh UUID in its hidden `row_uuid` field, and
 * every service's "Locaties" list (and every service added later) gets a checkbox for it. The
 * server accepts the UUID for the new location (LocationRowFormMixin.clean) and validates the
 * choice as for any other row. A removed row's checkbox disappears again.
 *
 * The label comes from the server, translated (`data-new-location-label` on the hidden
 * field), with the row's number for `%(number)s`.
 */
(() => {
  "use strict";

  const LOCATION_UUID = /^locations-(\d+)-row_uuid$/;
  const SERVICE_CHOICES = /^id_services-(\d+)-location_rows$/;

  function newUuid() {
    if (window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    // randomUUID exists only in secure contexts (https, localhost); version 4 by hand.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [
      hex.slice(0, 8),
      hex.slice(8, 12),
      hex.slice(12, 16),
      hex.slice(16, 20),
      hex.slice(20),
    ].join("-");
  }

  /** The location rows added in this browser session that are not removed. */
  function addedLocations() {
    return Array.from(document.querySelectorAll("input[data-kk-added-location]"))
      .filter((input) => {
        const match = LOCATION_UUID.exec(input.name);
        if (!match) return false;
        const deleted = document.querySelector(`input[name="locations-${match[1]}-DELETE"]`);
        return !(deleted && deleted.value && deleted.value !== "False" && deleted.value !== "");
      })
      .map((input) => {
        const number = Number(LOCATION_UUID.exec(input.name)[1]) + 1;
        const template = input.dataset.newLocationLabel || "%(number)s";
        return { uuid: input.value, label: template.replace("%(number)s", String(number)) };
      });
  }

  function serviceChoiceLists() {
    return Array.from(document.querySelectorAll('[id^="id_services-"][id$="-location_rows"]'))
      .filter((element) => SERVICE_CHOICES.test(element.id));
  }

  function addCheckbox(list, location) {
    const name = list.id.replace(/^id_/, "");
    const inputs = list.querySelectorAll(`input[type="checkbox"][name="${name}"]`);
    if (Array.from(inputs).some((input) => input.value === location.uuid)) return;
    const id = `${list.id}_new_${location.uuid}`;
    const wrapper = document.createElement("div");
    wrapper.dataset.kkNewLocation = location.uuid;
    const label = document.createElement("label");
    label.htmlFor = id;
    const input = document.createElement("input");
    input.type = "checkbox";
    input.name = name;
    input.value = location.uuid;
    input.id = id;
    label.append(input, ` ${location.label}`);
    wrapper.append(label);
    list.append(wrapper);
  }

  /** Every service list offers every added location, and none that was removed. */
  function sync() {
    const locations = addedLocations();
    const live = new Set(locations.map((location) => location.uuid));
    serviceChoiceLists().forEach((list) => {
      list.querySelectorAll("[data-kk-new-location]").forEach((wrapper) => {
        if (!live.has(wrapper.dataset.kkNewLocation)) wrapper.remove();
      });
      locations.forEach((location) => addCheckbox(list, location));
    });
  }

  document.addEventListener("w-formset:added", (event) => {
    const row = event.target;
    const hidden = row.querySelector && row.querySelector('input[name$="-row_uuid"]');
    if (hidden && LOCATION_UUID.test(hidden.name) && !hidden.value) {
      hidden.value = newUuid();
      hidden.dataset.kkAddedLocation = "";
    }
    sync();
  });
  // InlinePanel marks a removed row's DELETE field before it dispatches this event.
  document.addEventListener("w-formset:removed", sync);
  // Autosave or a redisplay can swap form fields; a click on "verwijderen" changes DELETE.
  document.addEventListener("change", (event) => {
    if (event.target.name && /^locations-\d+-DELETE$/.test(event.target.name)) sync();
  });
})();
