"""CSV exports that open safely in a spreadsheet program.

A cell that starts with =, +, -, @ or a tab or carriage return is read as a formula by Excel and
LibreOffice; such a text gets a leading apostrophe, so it stays text (OWASP, "CSV injection").
The access log holds user names typed on the login page, so an export may contain anything.
"""

import csv

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class Writer:
    """csv.writer with `;` between cells (what Dutch spreadsheet programs expect), every text
    cell kept as text."""

    def __init__(self, file):
        self._writer = csv.writer(file, delimiter=";")

    def writerow(self, row):
        self._writer.writerow([as_text(value) for value in row])
