"""Submit a rendered HTML form the way a browser does (for round-trip tests of the templates)."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._option_value = None
        self._textarea = None
        self._textarea_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self._textarea_text = []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._textarea_text)
            self.data.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._textarea_text.append(data)


def form_fields(html: str) -> dict:
    """The fields a browser would submit, as a dict of lists (for Django's test client)."""
    parser = _FormParser()
    parser.feed(html)
    result: dict[str, list[str]] = {}
    for name, value in parser.data:
        result.setdefault(name, []).append(value)
    return result
