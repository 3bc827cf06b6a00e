/*
 * Wagtail admin: give the text input of every tag field (jQuery tag-it, which Wagtail's
 * AdminTagWidget uses) the field's own label.
 *
 * Why: tag-it hides the real input and types into one it creates itself, without a label, so a
 * screen reader announces an unnamed text field (WCAG 2.1 1.3.1 / 4.1.2; axe "label"). The
 * created input is pointed at the field's <label> with aria-labelledby. Tag fields appear when
 * the page loads and when an InlinePanel row is added, so new inputs are watched for.
 */
(() => {
  "use strict";

  function label(input) {
    // The field's own input (hidden by tag-it) sits beside the created one; its label is in
    // the panel's heading, outside the field.
    const container = input.closest(".w-field__input, [data-field-input]");
    const real = container && container.querySelector("input[id]:not(.ui-autocomplete-input)");
    if (!real) return;
    const target =
      document.getElementById(`${real.id}-label`) ||
      document.querySelector(`label[for="${real.id}"]`);
    if (!target) return;
    if (!target.id) target.id = `${real.id}-label`;
    input.setAttribute("aria-labelledby", target.id);
  }

  function labelAll(root) {
    root
      .querySelectorAll(".tagit-new input:not([aria-labelledby]):not([aria-label])")
      .forEach(label);
  }

  function start() {
    labelAll(document);
    new MutationObserver((mutations) => {
      if (mutations.some((mutation) => mutation.addedNodes.length)) labelAll(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
