"""The mark after a checklist text that says where it comes from, for templates."""

from django import template

from observaties.checklist.markup import source_mark as _source_mark

register = template.Library()


@register.filter
def source_mark(source):
    """`{{ text_source|source_mark }}`: the same mark the checklist form writes."""
    return _source_mark(source)


@register.filter
def step_name(version, number):
    """`{{ version|step_name:3 }}`: the organisation's name of that step of its meldcode."""
    return version.step_name(number)


@register.filter
def full_stop(text):
    """`{{ reference|full_stop }}`: the text closed with one period, never two."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."
