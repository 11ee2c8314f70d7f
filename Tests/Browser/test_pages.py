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
                    "/search?q=berg", "/person/p-102", "/accessibility", "/finns-inte"],
    "head": ["/", "/unit", "/unit/f-solrosen", "/unit/f-solrosen/print", "/person/p-101"],
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
        logout(browser)
    assert not failures, "\n\n".join(failures)
