"""An approved observation as plain text, for a client file that takes only free text (a JGZ
dossier's own question-and-answer fields): the same content as the JSON, nothing more."""

from datetime import date

from django.utils.translation import gettext as _


def _date(iso):
    return date.fromisoformat(iso).strftime("%d-%m-%Y") if iso else "–"


def _agreement(agreement):
    due = (
        _("uiterlijk %(date)s") % {"date": _date(agreement["uiterlijkDatum"])}
        if agreement["uiterlijkDatum"]
        else _("bij het volgende bezoek")
    )
    return f"{agreement['wat']} ({agreement['wie']['omschrijving']}, {due})"


def observation_text(data) -> str:
    """The summary of one observation's representation (`representations.observation`)."""
    lines = [
        _("Observatie van een huisbezoek op %(date)s") % {"date": _date(data["bezoekDatum"])},
        _(
            "Kind: %(name)s, %(months)s maanden. Geobserveerde opvoeder: %(caregiver)s. "
            "Situatie: %(setting)s."
        )
        % {
            "name": data["kind"]["naam"],
            "months": data["kind"]["leeftijdInMaanden"],
            "caregiver": data["opvoeder"]["omschrijving"],
            "setting": data["situatie"]["omschrijving"],
        },
        _("Checklist versie %(number)s.") % {"number": data["checklistversie"]["versienummer"]},
    ]
    if data["checklistversie"]["intrekking"]:
        lines.append(
            _("Deze checklistversie is ingetrokken op %(date)s: %(reason)s")
            % {
                "date": _date(data["checklistversie"]["intrekking"]["ingetrokkenOp"][:10]),
                "reason": data["checklistversie"]["intrekking"]["reden"],
            }
        )
    for condition in data["voorwaarden"]:
        lines += ["", condition["naam"].upper()]
        for item in condition["items"]:
            answer = item["antwoord"]["omschrijving"] if item["antwoord"] else _("niet ingevuld")
            note = f" – {item['toelichting']}" if item["toelichting"] else ""
            lines.append(f"- {item['code']} ({answer}): {item['gedrag']}{note}")
        for judged in condition["oordelen"]:
            answer = judged["oordeel"]["omschrijving"] if judged["oordeel"] else _("niet ingevuld")
            if judged["pasteNiet"]:
                answer += "; " + _("paste niet: %(what)s") % {
                    "what": ", ".join(misfit["omschrijving"] for misfit in judged["pasteNiet"])
                }
            note = f" – {judged['toelichting']}" if judged["toelichting"] else ""
            lines.append(f"- {judged['code']} ({answer}): {judged['vraag']}{note}")
        if condition["reflectie"]:
            lines.append(_("Reflectie: %(text)s") % {"text": condition["reflectie"]})
        if condition["werkpunt"]:
            lines.append(
                _("Werkpunt: %(choice)s") % {"choice": condition["werkpunt"]["omschrijving"]}
            )
    if data["opvoedersInEenGewoneWeek"]:
        lines += ["", _("OPVOEDERS IN EEN GEWONE WEEK")]
        for entry in data["opvoedersInEenGewoneWeek"]:
            days = entry["dagenPerWeek"]
            days = (
                _("%(days)s dagen per week") % {"days": f"{days:g}".replace(".", ",")}
                if days
                else "–"
            )
            note = f" – {entry['toelichting']}" if entry["toelichting"] else ""
            lines.append(f"- {entry['relatie']['omschrijving']}: {days}{note}")
    if data["netwerkNagelopen"]:
        lines.append(
            _("Met de ouder nagelopen: %(answer)s")
            % {"answer": data["netwerkNagelopen"]["omschrijving"]}
        )
    if data["wisselingenVanOpvoeders"]:
        lines += ["", _("WISSELINGEN VAN OPVOEDERS")]
        for change in data["wisselingenVanOpvoeders"]:
            outside = (
                _(" (buiten de invloed van de ouder)")
                if change["buitenDeInvloedVanDeOuder"]
                else ""
            )
            lines.append(f"- {change['wat']}: {change['oorzaak']['omschrijving']}{outside}")
    lines += ["", _("RANDVOORWAARDEN (STRESS IN HET GEZIN)")]
    for factor in data["randvoorwaarden"]:
        answer = factor["antwoord"]["omschrijving"] if factor["antwoord"] else _("niet ingevuld")
        line = f"- {factor['omschrijving']}: {answer}"
        if factor["toelichting"]:
            line += f" – {factor['toelichting']}"
        if factor["actie"]:
            line += "; " + _("actie: %(action)s") % {"action": _agreement(factor["actie"])}
        if factor["alInGangDoor"]:
            line += "; " + _("al in gang: %(by)s") % {"by": factor["alInGangDoor"]}
        lines.append(line)
    if data["afspraken"]:
        lines += ["", _("AFSPRAKEN")]
        lines += [f"- {_agreement(agreement)}" for agreement in data["afspraken"]]
    if data["opvolgingVanEerdereAfspraken"]:
        lines += ["", _("OPVOLGING VAN EERDERE AFSPRAKEN")]
        for follow_up in data["opvolgingVanEerdereAfspraken"]:
            note = f": {follow_up['toelichting']}" if follow_up["toelichting"] else ""
            made = _("afgesproken op %(date)s") % {
                "date": _date(follow_up["afspraak"]["afgesprokenOpDatum"])
            }
            lines.append(
                f"- {follow_up['afspraak']['wat']} ({made}): "
                f"{follow_up['uitkomst']['omschrijving']}{note}"
            )
    lines += [
        "",
        _("Conclusie: %(text)s") % {"text": data["conclusie"] or "–"},
        _("Volgend contact met het gezin: %(date)s") % {"date": _date(data["volgendContactDatum"])},
        _("Besproken met de ouder op: %(date)s")
        % {"date": _date(data["besprokenMetDeOuderDatum"])},
    ]
    if data["reactieVanDeOuder"]:
        lines.append(_("Reactie van de ouder: %(text)s") % {"text": data["reactieVanDeOuder"]})
    observer, approver = data["waargenomenDoor"], data["goedgekeurdDoor"]
    lines += [
        "",
        _("Geobserveerd door: %(person)s") % {"person": _signature(observer)},
    ]
    if approver:
        lines.append(
            _("Goedgekeurd door: %(person)s, op %(date)s")
            % {"person": _signature(approver), "date": _date(data["goedgekeurdOp"][:10])}
        )
    return "\n".join(lines) + "\n"


def _signature(person):
    return f"{person['naam']}, {person['functie']}" if person["functie"] else person["naam"]
