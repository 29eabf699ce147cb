"""The documents an observation becomes: the trend charts, the PDF renderer, the reports and the
archive of approved reports."""
