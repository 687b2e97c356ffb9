"""Django's standard widgets, labels and error lists rendered in Python, byte for byte as its templates do.

Why (issue 17): a staff form page spent a third to a half of its CPU in the template engine
rendering the form machinery — every `{{ field }}`, `{{ field.label_tag }}` and `{{ field.errors }}`
(even an empty one) renders a small template through `{% include %}`s, one per `<option>` of a
`<select>` and one per radio button. The minutes page renders about 50 of them per request.

`FastRenderer` (settings.FORM_RENDERER) answers the templates below with the same string the
template would give — the escaping (`{{ }}` and `|stringformat:'s'`), localisation, the blank
lines of Django's `{% include %}`s and the final `.strip()` of `BaseRenderer.render` included;
`tests/test_formrender.py` compares both for every widget kind with odd values. Any other template
(a custom widget such as the search picker, a whole form's `as_div`, an option with its own
template) goes to the normal template engine, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

W = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    W + name + ".html"
    for name in (
        "input",
        "text",
        "email",
        "url",
        "number",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
        "search",
        "tel",
        "color",
    )
)
OPTION_TEMPLATES = frozenset({W + "radio_option.html", W + "checkbox_option.html", W + "input_option.html"})
MULTIPLE_TEMPLATES = frozenset({W + "radio.html", W + "checkbox_select.html", W + "multiple_input.html"})
SELECT_OPTION = W + "select_option.html"


def _out(value: Any) -> str:
    """`{{ value }}` with autoescaping on (render_value_in_context)."""
    value = template_localtime(value, use_tz=settings.USE_TZ)
    value = localize(value, use_l10n=None)
    if not issubclass(type(value), str):
        value = str(value)
    return str(conditional_escape(value))


def _fmt(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: no localisation; kept unescaped only when the value was safe."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text: str = "%s" % value  # noqa: UP031 - exactly what the stringformat filter does
    except (ValueError, TypeError):
        text = ""
    return str(conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text))


def _attrs(attrs: Mapping[str, Any] | None) -> str:
    """django/forms/widgets/attrs.html (and django/forms/attrs.html)."""
    if not attrs:
        return ""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(" " + _out(name))
            if value is not True:
                parts.append('="' + _fmt(value) + '"')
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    """input.html, with the file's final newline (kept where another template includes it)."""
    value = widget.get("value")
    shown = f' value="{_fmt(value)}"' if value is not None else ""
    return f'<input type="{_out(widget.get("type", ""))}" name="{_out(widget.get("name", ""))}"{shown}{_attrs(widget.get("attrs"))}>\n'


def _input_option(widget: Mapping[str, Any]) -> str:
    """input_option.html (a radio button or check box of a group), final newline included."""
    if not widget.get("wrap_label"):
        return _input(widget) + "\n"
    attrs = widget.get("attrs") or {}
    target = f' for="{_out(attrs["id"])}"' if attrs.get("id") else ""
    return f"<label{target}>{_input(widget)} {_out(widget.get('label', ''))}</label>\n"


def _textarea(widget: Mapping[str, Any]) -> str:
    value = widget.get("value")
    return f'<textarea name="{_out(widget.get("name", ""))}"{_attrs(widget.get("attrs"))}>\n{_out(value) if value else ""}</textarea>\n'


def _options_standard(optgroups: list[Any], template: str | frozenset[str]) -> bool:
    allowed = {template} if isinstance(template, str) else template
    return all(option.get("template_name") in allowed for _g, options, _i in optgroups for option in options)


def _select(widget: Mapping[str, Any]) -> str | None:
    optgroups = widget.get("optgroups") or []
    if not _options_standard(optgroups, SELECT_OPTION):
        return None
    parts = [f'<select name="{_out(widget.get("name", ""))}"{_attrs(widget.get("attrs"))}>']
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_fmt(option.get("value"))}"{_attrs(option.get("attrs"))}>'
                f"{_out(option.get('label', ''))}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple(widget: Mapping[str, Any]) -> str | None:
    optgroups = widget.get("optgroups") or []
    if not _options_standard(optgroups, OPTION_TEMPLATES):
        return None
    attrs = widget.get("attrs") or {}
    ident = attrs.get("id")
    parts = ["<div"]
    if ident:
        parts.append(f' id="{_out(ident)}"')
    if attrs.get("class"):
        parts.append(f' class="{_out(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in optgroups:
        if group:
            parts.append(f"\n  <div><label>{_out(group)}</label>")
        for option in options:
            # radio_option.html and checkbox_option.html include input_option.html and add a newline.
            extra = "" if option.get("template_name") == W + "input_option.html" else "\n"
            parts.append("<div>\n    " + _input_option(option) + extra + "</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _label(context: Mapping[str, Any]) -> str:
    label = _out(context.get("label", ""))
    if not context.get("use_tag"):
        return label
    tag = _out(context.get("tag", ""))
    return f"<{tag}{_attrs(context.get('attrs'))}>{label}</{tag}>"


def _errors(context: Mapping[str, Any]) -> str:
    errors = context.get("errors")
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    ident = f' id="{_out(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_out(error)}</li>" for error in errors)
    return f'<ul class="{_out(context.get("error_class", ""))}"{ident}>{items}</ul>'


def _widget(func: Callable[[Mapping[str, Any]], str | None]) -> Callable[[Mapping[str, Any]], str | None]:
    return lambda context: func(context["widget"]) if "widget" in context else None


FAST: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    **{name: _widget(_input) for name in INPUT_TEMPLATES},
    **{name: _widget(_input_option) for name in OPTION_TEMPLATES},
    **{name: _widget(_multiple) for name in MULTIPLE_TEMPLATES},
    W + "textarea.html": _widget(_textarea),
    W + "select.html": _widget(_select),
    SELECT_OPTION: _widget(
        lambda w: (
            f'<option value="{_fmt(w.get("value"))}"{_attrs(w.get("attrs"))}>{_out(w.get("label", ""))}</option>'
        )
    ),
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
}


class FastRenderer(DjangoTemplates):
    """Django's default form renderer, with its most used templates answered in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = FAST.get(template_name)
        if fast is not None and request is None:
            html = fast(context)
            if html is not None:
                return SafeString(html.strip())
        return super().render(template_name, context, request=request)  # type: ignore[no-any-return]
