"""The pages in a real browser (headless Chromium): the coordinator's, head's and office's work,
scopes, byte-identical reports, keyboard-only login and axe-core on every page."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

from conftest import URL, ACCOUNTS, PASSWORD, login, logout, wait_for_heading, run_axe, describe, screenshot, fetch, liggare, head_seq

TODAY = datetime.date.today()
# A course day this year and not in the future (the head's page counts this year's hours).
COURSE_DAY = datetime.date(TODAY.year, 1, 15) if TODAY >= datetime.date(TODAY.year, 1, 15) else TODAY


def h1(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def number(text):
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def test_keyboard_only_login(browser, tmp_path):
    browser.get(URL + "/login")
    actions = ActionChains(browser)
    # Tab from the top of the page to the user name field; the skip link comes first.
    focused = []
    for _ in range(10):
        actions.send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        focused.append(active.get_attribute("id") or active.get_attribute("class") or active.tag_name)
        if active.get_attribute("id") == "f-name":
            break
    assert focused[0] == "skip", focused
    assert "f-name" in focused, focused
    # The focused field is visibly outlined.
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    actions.send_keys(ACCOUNTS["head"]).send_keys(Keys.TAB).send_keys(PASSWORD).send_keys(Keys.ENTER).perform()
    wait_for_heading(browser, "Välkommen")


def test_login_without_its_csrf_token_is_refused(browser):
    status, _, body = fetch(browser, "/login")
    assert status == 200
    import urllib.parse
    import urllib.request
    data = urllib.parse.urlencode({"name": ACCOUNTS["head"], "password": PASSWORD, "csrf": "x" * 64}).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(urllib.request.Request(URL + "/login", data=data), timeout=10)
        assert False, "login without a matching token was accepted"
    except urllib.error.HTTPError as e:
        assert e.code == 303
        assert e.headers["Location"].endswith("/login?error=csrf")
        assert "liggare_session" not in (e.headers.get("Set-Cookie") or "")


def test_coordinator_uploads_attendance_and_head_sees_hours(browser, tmp_path):
    login(browser, "head")
    browser.get(URL + "/unit/f-solrosen")
    hours_before = number(browser.find_element(By.CSS_SELECTOR, "#hours tfoot td").text)
    logout(browser)

    login(browser, "coordinator")
    browser.get(URL + "/register/attendance")
    path = tmp_path / "lista.csv"
    path.write_text("person;timmar\np-102;2,5\np-103;2,5\n", encoding="utf-8")
    browser.find_element(By.ID, "f-course").send_keys("pim-intro")
    browser.execute_script("document.getElementById('f-date').value = arguments[0]", COURSE_DAY.isoformat())
    browser.find_element(By.ID, "f-file").send_keys(str(path))
    seq = head_seq()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_heading(browser, "Granska")
    table = browser.find_element(By.CSS_SELECTOR, "main table").text
    assert "Sara Nyström" in table and "Johan Ekström" in table and "Solrosens förskola" in table
    assert head_seq() == seq, "the preview must not append"
    screenshot(browser, "attendance-preview")
    browser.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_heading(browser, "Registrera")
    assert head_seq() == seq + 2
    logout(browser)

    login(browser, "head")
    browser.get(URL + "/unit/f-solrosen")
    hours_after = number(browser.find_element(By.CSS_SELECTOR, "#hours tfoot td").text)
    assert hours_after == hours_before + 5


def test_pim_level_without_valid_examiner_shows_inline_error_and_appends_nothing(browser):
    login(browser, "coordinator")
    browser.get(URL + "/register/pim-level")
    browser.find_element(By.ID, "f-person").send_keys("p-103")
    browser.find_element(By.CSS_SELECTOR, "#f-level option[value='5']").click()
    # Karin Berg (p-100) may examine up to level 3 only.
    browser.find_element(By.CSS_SELECTOR, "#f-examiner option[value='p-100']").click()
    seq = head_seq()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    link = summary.find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href").endswith("#f-examiner")
    error = browser.find_element(By.ID, "f-examiner-error").text
    assert "nivå 3" in error and "nivå 5" in error, error
    assert browser.find_element(By.ID, "f-examiner").get_attribute("aria-invalid") == "true"
    screenshot(browser, "pim-level-error")
    assert head_seq() == seq
    # Following the summary's link puts focus on the field.
    link.click()
    assert browser.switch_to.active_element.get_attribute("id") == "f-examiner"


def test_head_cannot_open_another_units_page_or_person(browser):
    login(browser, "head")
    answers = {}
    for path in ["/unit/g-bergskolan", "/unit/finns-inte", "/person/p-104", "/person/p-999", "/unit/n-syd",
                 "/unit/g-bergskolan/gaps.csv", "/unit/finns-inte/gaps.csv", "/unit/g-bergskolan/print"]:
        status, _, body = fetch(browser, path)
        answers[path] = (status, body)
    assert answers["/unit/g-bergskolan"] == answers["/unit/finns-inte"]
    assert answers["/person/p-104"] == answers["/person/p-999"]
    assert answers["/unit/g-bergskolan/gaps.csv"] == answers["/unit/finns-inte/gaps.csv"]
    assert all(status == 404 for status, _ in answers.values()), {k: v[0] for k, v in answers.items()}
    assert b"Bergskolan" not in answers["/unit/g-bergskolan"][1]
    # Their own unit and person open; the CSV is for Swedish Excel.
    assert fetch(browser, "/unit/f-solrosen")[0] == 200
    assert fetch(browser, "/person/p-101")[0] == 200
    status, headers, body = fetch(browser, "/unit/f-solrosen/gaps.csv")
    assert status == 200 and body.startswith(b"\xef\xbb\xbfPerson;Namn;") and b"\r\n" in body


def test_office_downloads_reports_byte_identical_to_the_cli(browser):
    login(browser, "office")
    known = "2026-11-30"
    browser.get(URL + f"/report?year=2024&known-at={known}")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main ul a") if "download" in a.get_attribute("href")]
    assert len(links) == 4, links
    for fmt in ["html", "md", "csv", "json"]:
        href = next(h for h in links if f"format={fmt}" in h)
        status, _, body = fetch(browser, href.replace(URL, ""))
        assert status == 200, (fmt, body[:300])
        cli = liggare("report", "--year", "2024", "--known-at", known, "--format", fmt)
        assert body == cli, fmt


PAGES = {
    "coordinator": ["/", "/register", "/register/attendance", "/register/pim-level", "/register/course-completed",
                    "/register/unit-established", "/register/goal", "/register/retract?event=bt-001",
                    "/register/framework", "/register/competence", "/register/requirement",
                    "/register/requirement-ended", "/register/assessment", "/register/follow-up",
                    "/register/measure", "/register/measure-status", "/register/assessments",
                    "/search?q=berg", "/person/p-102", "/person/p-101", "/accessibility", "/finns-inte"],
    "head": ["/", "/unit", "/unit/f-solrosen", "/unit/f-solrosen/print", "/person/p-101", "/register",
             "/register/assessment", "/register/follow-up", "/register/assessments"],
    "office": ["/", "/city", "/unit/n-syd", "/unit/g-bergskolan", "/report", "/report?year=2024", "/status"],
    "admin": ["/", "/admin"],
}


def test_axe_finds_no_violation_on_any_page(browser):
    failures = []
    browser.get(URL + "/login")
    violations = run_axe(browser)
    screenshot(browser, "login")
    if violations:
        failures.append(f"/login:\n{describe(violations)}")
    for role, paths in PAGES.items():
        login(browser, role)
        for path in paths:
            browser.get(URL + path)
            violations = run_axe(browser)
            screenshot(browser, f"{role}{path}")
            if violations:
                failures.append(f"{role} {path}:\n{describe(violations)}")
        if role == "coordinator":
            # A form with every error shown.
            browser.get(URL + "/register/pim-level")
            browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
            WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
            violations = run_axe(browser)
            screenshot(browser, "pim-level-empty-errors")
            if violations:
                failures.append(f"pim-level errors:\n{describe(violations)}")
            # Part 2's forms with every error shown: check boxes and the ratings' fieldset.
            for form in ["requirement", "follow-up"]:
                browser.get(URL + f"/register/{form}")
                browser.execute_script("document.getElementById('f-date').value = ''")
                browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
                WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
                violations = run_axe(browser)
                screenshot(browser, f"{form}-errors")
                if violations:
                    failures.append(f"{form} errors:\n{describe(violations)}")
        logout(browser)
    assert not failures, "\n\n".join(failures)


def wait_for_exact_heading(driver, text, timeout=20):
    """Waits for the next page's h1 to be exactly `text` (when another page's heading contains it)."""
    def ready(d):
        try:
            return d.find_element(By.TAG_NAME, "h1").text.strip() == text
        except Exception:
            return False
    try:
        WebDriverWait(driver, timeout).until(ready)
    except Exception:
        raise AssertionError(f"no heading {text!r}: " + driver.page_source[:2000])


def wait_for_notice(driver, text, timeout=20):
    """Waits for a notice (role=status) containing `text` on the next page."""
    def ready(d):
        try:
            return any(text in e.text for e in d.find_elements(By.CSS_SELECTOR, "main .notice"))
        except Exception:
            return False
    try:
        WebDriverWait(driver, timeout).until(ready)
    except Exception:
        raise AssertionError(f"no notice with {text!r}: " + driver.page_source[:2000])


def choose(driver, field, value):
    driver.find_element(By.CSS_SELECTOR, f"#f-{field} option[value='{value}']").click()


def preview_and_confirm(driver):
    """Granska, then Spara; waits for the preview and then for the register page."""
    driver.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_heading(driver, "Granska")
    driver.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_exact_heading(driver, "Registrera")


def test_admin_creates_disables_and_issues_a_token(browser):
    import urllib.request
    login(browser, "admin")
    browser.get(URL + "/admin")
    browser.find_element(By.ID, "f-username").send_keys("ny.rektor")
    browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
    choose(browser, "role", "head")
    browser.find_element(By.ID, "f-scopes").send_keys("f-solrosen")
    browser.find_element(By.ID, "f-person").send_keys("p-100")
    browser.find_element(By.CSS_SELECTOR, "main form[action='/admin/accounts'] button[type=submit]").click()
    wait_for_notice(browser, "Kontot är skapat")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr") if "ny.rektor" in r.text)
    assert "f-solrosen" in row.text and "p-100" in row.text and "aktivt" in row.text, row.text
    assert "person p-100" in liggare("account", "list").decode()
    screenshot(browser, "admin-created")
    # A new API token, shown once, works against the API.
    choose(browser, "token-user", "ny.rektor")
    browser.find_element(By.CSS_SELECTOR, "main form[action='/admin/token'] button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main .preview code"))
    token = browser.find_element(By.CSS_SELECTOR, "main .preview code").text
    request = urllib.request.Request(URL + "/api/v1/units/f-solrosen", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.status == 200
    # Disabled: the token stops working and the account cannot log in.
    browser.get(URL + "/admin")
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Stäng av ny.rektor']").click()
    wait_for_notice(browser, "avstängt")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr") if "ny.rektor" in r.text)
    assert "avstängt" in row.text, row.text
    try:
        urllib.request.urlopen(request, timeout=30)
        assert False, "a disabled account's token still works"
    except urllib.error.HTTPError as e:
        assert e.code == 401
    logout(browser)
    browser.get(URL + "/login")
    browser.find_element(By.ID, "f-name").send_keys("ny.rektor")
    browser.find_element(By.ID, "f-password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
    assert "/login" in browser.current_url


def test_coordinator_undoes_a_registration_and_the_timeline_strikes_it_through(browser):
    login(browser, "coordinator")
    browser.get(URL + "/register/course-completed")
    browser.find_element(By.ID, "f-person").send_keys("p-103")
    browser.find_element(By.ID, "f-course").send_keys("kallkritik")
    seq = head_seq()
    preview_and_confirm(browser)
    assert head_seq() == seq + 1
    # The newest of the coordinator's registrations is first, with "Ångra".
    first = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")[0]
    assert "Johan Ekström" in first.text and "kallkritik" in first.text, first.text
    first.find_element(By.LINK_TEXT, "Ångra").click()
    wait_for_exact_heading(browser, "Dra tillbaka en händelse")
    event_id = browser.find_element(By.ID, "f-event").get_attribute("value")
    assert event_id.startswith("ev-"), event_id
    browser.find_element(By.ID, "f-reason").send_keys("fel kurs i formuläret")
    preview_and_confirm(browser)
    assert head_seq() == seq + 2
    first = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")[1]
    assert first.find_elements(By.TAG_NAME, "del") and "tillbakadragen" in first.text, first.text
    browser.get(URL + "/person/p-103")
    wait_for_exact_heading(browser, "Johan Ekström")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr") if event_id in r.text)
    struck = row.find_element(By.TAG_NAME, "del")
    assert "Källkritik" in struck.text, struck.text
    assert "Tillbakadragen: fel kurs i formuläret" in row.text, row.text
    screenshot(browser, "person-retracted")


def test_office_verifies_a_downloaded_report_and_a_changed_one_fails(browser, tmp_path):
    login(browser, "office")
    browser.get(URL + "/report?year=2024&known-at=2026-11-30")
    href = next(a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main ul a") if "format=md" in a.get_attribute("href"))
    status, _, body = fetch(browser, href.replace(URL, ""))
    assert status == 200
    good = tmp_path / "arsredovisning-2024.md"
    good.write_bytes(body)
    bad = tmp_path / "andrad-2024.md"
    changed = body.replace(b"Norrvik", "Sörvik".encode(), 1)
    assert changed != body
    bad.write_bytes(changed)

    browser.find_element(By.ID, "f-report").send_keys(str(good))
    browser.find_element(By.CSS_SELECTOR, "#verify ~ form button[type=submit]").click()
    wait_for_exact_heading(browser, "Rapporten stämmer")
    assert "STÄMMER" in browser.find_element(By.CSS_SELECTOR, "main [role=status]").text
    screenshot(browser, "verify-ok")

    browser.get(URL + "/report")
    browser.find_element(By.ID, "f-report").send_keys(str(bad))
    browser.find_element(By.CSS_SELECTOR, "#verify ~ form button[type=submit]").click()
    wait_for_exact_heading(browser, "Rapporten stämmer inte")
    assert "STÄMMER INTE" in browser.find_element(By.CSS_SELECTOR, "main [role=status]").text
    screenshot(browser, "verify-changed")


def test_coordinator_sets_a_requirement_and_head_assesses_and_sees_it(browser):
    login(browser, "coordinator")
    browser.get(URL + "/register/requirement")
    browser.find_element(By.ID, "f-requirement").send_keys("krav-plattform")
    choose(browser, "competence", "skolplattformen")
    choose(browser, "minLevel", "säker")
    choose(browser, "scope", "stad")
    # Roles: förskollärare only (p-101 and p-103 at Solrosen).
    browser.find_element(By.CSS_SELECTOR, "input[name=roles][value='förskollärare']").click()
    seq = head_seq()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_heading(browser, "Granska")
    assert "krav-plattform" in browser.find_element(By.CSS_SELECTOR, "main .preview").text
    assert head_seq() == seq, "the preview must not append"
    browser.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_exact_heading(browser, "Registrera")
    assert head_seq() == seq + 1
    logout(browser)

    login(browser, "head")
    browser.get(URL + "/unit/f-solrosen")
    wait_for_heading(browser, "Solrosens förskola")
    # p-101 is not assessed in the new requirement; the head follows "Bedöm" from the unit page.
    # The head (p-100) is offered no link to assess themselves.
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href*='person=p-100']")
    link = browser.find_element(By.CSS_SELECTOR, "a[href*='person=p-101'][href*='competence=skolplattformen']")
    link.click()
    wait_for_exact_heading(browser, "Bedömning av en kompetens")
    assert browser.find_element(By.CSS_SELECTOR, "#f-person option:checked").get_attribute("value") == "p-101"
    assert "Karin Berg" in browser.find_element(By.ID, "f-assessor").text
    choose(browser, "level", "expert")
    screenshot(browser, "head-assessment-form")
    preview_and_confirm(browser)
    assert head_seq() == seq + 2
    browser.get(URL + "/unit/f-solrosen")
    wait_for_heading(browser, "Solrosens förskola")
    table = browser.find_element(By.CSS_SELECTOR, "[aria-label='Kompetenskravens uppfyllelse']")
    row = next(r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if "krav-plattform" in r.text)
    cells = [c.text for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
    assert cells[3:6] == ["2", "1", "1"], cells  # applies, met, not assessed
    screenshot(browser, "head-unit-part2")
    # The person's page: the head's level counts; the timeline has the assessment.
    browser.get(URL + "/person/p-101")
    wait_for_exact_heading(browser, "Anna Lindqvist")
    requirements = browser.find_element(By.CSS_SELECTOR, "[aria-label^='Kompetenskrav med']").text
    assert "krav-plattform" in requirements and "expert" in requirements, requirements
    assert "Bedömd expert i Skolplattformen (chefens bedömning, Karin Berg (p-100))" in browser.find_element(By.CSS_SELECTOR, "[aria-label='Händelser om personen']").text
    # A head cannot record a Part 1 event or another head's assessment.
    status, _, _ = fetch(browser, "/register/pim-level")
    assert status == 404


def test_head_follow_up_for_own_unit_only(browser):
    login(browser, "head")
    browser.get(URL + "/register/follow-up")
    wait_for_exact_heading(browser, "Enhetens uppföljning")
    units = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#f-unit option")]
    assert units == ["", "f-solrosen"], units
    choose(browser, "unit", "f-solrosen")
    for i, rating in enumerate([3, 2, 2, 3, 1], start=1):
        sel = "#f-ratings" if i == 1 else f"#f-ratings-{i}"
        browser.find_element(By.CSS_SELECTOR, f"{sel} option[value='{rating}']").click()
    seq = head_seq()
    preview_and_confirm(browser)
    assert head_seq() == seq + 1


def test_status_shows_the_last_check_and_checks_the_log_now(browser):
    liggare("verify")
    login(browser, "office")
    browser.get(URL + "/status")
    wait_for_exact_heading(browser, "Loggens status")
    last = browser.find_element(By.ID, "last-verify").text
    assert last.startswith("OK ") and "(liggare verify)" in last, last
    browser.find_element(By.CSS_SELECTOR, "main form[action='/status/verify'] button").click()
    wait_for_notice(browser, "Loggen är kontrollerad")
    last = browser.find_element(By.ID, "last-verify").text
    assert last.startswith("OK ") and "analytiker på statussidan" in last, last
    assert f"huvud seq {head_seq()}" in last, last
    screenshot(browser, "status-verified")


def test_coordinator_uploads_self_assessments_with_a_preview(browser, tmp_path):
    login(browser, "coordinator")
    browser.get(URL + "/register/assessments")
    wait_for_exact_heading(browser, "Självskattningar eller bedömningar")
    path = tmp_path / "enkat.csv"
    path.write_text("ID;Starttid;person;Office 365;skolplattformen\n1;2026-01-10;p-102;säker;grund\n2;2026-01-10;p-103;;Expert\n", encoding="utf-8")
    choose(browser, "framework", "it-plan")
    choose(browser, "method", "self")
    browser.find_element(By.ID, "f-file").send_keys(str(path))
    seq = head_seq()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_exact_heading(browser, "Granska bedömningarna")
    table = browser.find_element(By.CSS_SELECTOR, "[aria-label='Bedömningarna i listan']").text
    assert "Sara Nyström" in table and "Johan Ekström" in table and "Solrosens förskola" in table, table
    assert "expert" in table and "3 bedömningar av 2 personer" in browser.find_element(By.CSS_SELECTOR, "main .preview").text
    assert head_seq() == seq, "the preview must not append"
    screenshot(browser, "assessments-preview")
    browser.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_exact_heading(browser, "Registrera")
    assert head_seq() == seq + 3
    # The same list again appends nothing (content ids).
    browser.get(URL + "/register/assessments")
    choose(browser, "framework", "it-plan")
    browser.find_element(By.ID, "f-file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_exact_heading(browser, "Granska bedömningarna")
    browser.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_notice(browser, "Inget nytt sparades")
    assert head_seq() == seq + 3


def test_head_uploads_own_assessments_then_undoes_one_from_its_entry(browser, tmp_path):
    login(browser, "head")
    browser.get(URL + "/register")
    wait_for_exact_heading(browser, "Registrera")
    browser.find_element(By.LINK_TEXT, "Dina bedömningar av personalen (fil)").click()
    wait_for_exact_heading(browser, "Dina bedömningar av personalen")
    # The method and the assessor are the head's own, not fields to choose.
    assert not browser.find_elements(By.ID, "f-method")
    assert "Karin Berg (p-100), du själv" in browser.find_element(By.ID, "f-assessor").text
    path = tmp_path / "bedomningar.csv"
    path.write_text("person;Office 365\np-101;säker\np-103;grund\n", encoding="utf-8")
    choose(browser, "framework", "it-plan")
    browser.find_element(By.ID, "f-file").send_keys(str(path))
    seq = head_seq()
    browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
    wait_for_exact_heading(browser, "Granska bedömningarna")
    preview = browser.find_element(By.CSS_SELECTOR, "main .preview").text
    assert "chefens bedömning av p-100" in preview and "2 bedömningar av 2 personer" in preview, preview
    assert head_seq() == seq, "the preview must not append"
    browser.find_element(By.CSS_SELECTOR, "main form button[value=confirm]").click()
    wait_for_exact_heading(browser, "Registrera")
    assert head_seq() == seq + 2
    # The newest entry has "Ångra": a retraction with a reason, dry run first, then confirmed.
    first = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")[0]
    first.find_element(By.LINK_TEXT, "Ångra").click()
    wait_for_exact_heading(browser, "Dra tillbaka en händelse")
    browser.find_element(By.ID, "f-reason").send_keys("fel nivå")
    preview_and_confirm(browser)
    assert head_seq() == seq + 3
    first = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")[1]
    assert first.find_elements(By.TAG_NAME, "del") and "tillbakadragen" in first.text, first.text
    screenshot(browser, "head-undo")
    # Another unit's event, or an id that does not exist: the same refusal, nothing appended.
    for event in ["bt-001", "finns-inte"]:
        browser.get(URL + f"/register/retract?event={event}")
        wait_for_exact_heading(browser, "Dra tillbaka en händelse")
        browser.find_element(By.ID, "f-reason").send_keys("prov")
        browser.find_element(By.CSS_SELECTOR, "main form button[value=preview]").click()
        WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-summary"))
        assert "En rektor kan bara dra tillbaka sina egna" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert head_seq() == seq + 3
