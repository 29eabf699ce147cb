"""The checklist's parts. Each knows its fields (`fields()`), their initial values from stored
content (`initial(content)`), its share of the content from cleaned data (`content(data)`) and
its layout; `ChecklistForm` composes them into one form. What the content must meet is not a
part's business: `observaties.observations.rules` holds every rule once."""
