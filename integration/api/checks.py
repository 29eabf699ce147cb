"""Schemathesis checks of our own (SCHEMATHESIS_HOOKS): no answer carries another team's data
or anything of a safety part. The texts come from the fixture (api_conformance_fixture)."""

import json
import os

import schemathesis

with open(os.environ["HECHTINGSWIJZER_API_FORBIDDEN"]) as _file:
    FORBIDDEN = json.load(_file)["forbidden"]


@schemathesis.check
def no_other_team_or_safety_content(ctx, response, case):
    body = response.content.decode("utf-8", "replace")
    found = [text for text in FORBIDDEN if text in body]
    if found:
        raise AssertionError(f"Het antwoord bevat {len(found)} verboden tekst(en): {found[:3]}")
