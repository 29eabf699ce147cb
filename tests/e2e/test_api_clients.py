"""The functional admin registers a client application of the read API, renews its secret and
revokes it, in the browser."""


def test_the_admin_registers_renews_and_revokes_a_client(new_page, live_app, accounts):
    page = accounts.login(new_page(), "beheerder")
    page.goto(f"{live_app}/beheer/api/apiclient/add/")
    page.fill("#id_name", "Dossier JGZ (fictief)")
    page.fill("#id_contact", "beheer@example.com")
    page.select_option("#id_teams", label="Wijkteam Demo")
    page.click("input[name=_save]")
    first = page.input_value("#credential")
    assert first.startswith("hw_")
    assert "één keer" in page.content()

    page.click("text=Verder naar de client")
    assert first not in page.content()
    page.click("text=Geheim vernieuwen")
    second = page.input_value("#credential")
    assert second.startswith("hw_")
    assert second != first

    page.click("text=Verder naar de client")
    page.click("text=Client intrekken")
    assert "is ingetrokken" in page.locator(".messagelist").inner_text()
    assert page.locator("text=Geheim vernieuwen").count() == 0
