"""Shared set-up for the browser tests: a headless Chromium, logging in, axe-core, screenshots.

run.sh starts `liggare serve` on a demo log with one account per role and passes:
LIGGARE_URL (the server), LIGGARE_BIN (the liggare program), LIGGARE_LOG (the log folder),
SCREENSHOT_DIR (optional: every visited page is saved there at 1280 px, 320 px and 200 % zoom).
"""
import json
import os
import pathlib
import re
import subprocess
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ.get("LIGGARE_URL", "http://127.0.0.1:8080")
BIN = os.environ.get("LIGGARE_BIN", "liggare")
LOG = os.environ.get("LIGGARE_LOG", "EventLog")
SHOTS = os.environ.get("SCREENSHOT_DIR")

PASSWORD = "webbtest-lösenord-1"
ACCOUNTS = {"coordinator": "samordnare", "head": "rektor.sol", "office": "analytiker", "admin": "admin"}


def axe_source():
    """axe.min.js from the PyPI package axe-selenium-python, or Debian's node-axe-core."""
    candidates = [pathlib.Path(os.environ["AXE_JS"])] if os.environ.get("AXE_JS") else []
    try:
        import axe_selenium_python

        base = pathlib.Path(axe_selenium_python.__file__).parent
        candidates.append(base / "node_modules" / "axe-core" / "axe.min.js")
    except ImportError:
        pass
    candidates += [pathlib.Path("/usr/share/nodejs/axe-core/axe.min.js"), pathlib.Path("/usr/lib/nodejs/axe-core/axe.min.js")]
    for c in candidates:
        if c.exists():
            text = c.read_text(encoding="utf-8")
            if text.startswith("/*! axe v4"):
                return text
    raise RuntimeError("axe-core saknas (pip install axe-selenium-python eller apt-get install node-axe-core)")


AXE = axe_source()


def make_driver():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--lang=sv-SE", "--disable-extensions"]:
        options.add_argument(arg)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def browser():
    driver = make_driver()
    yield driver
    driver.quit()


def login(driver, role):
    driver.get(URL + "/login")
    driver.find_element(By.ID, "f-name").send_keys(ACCOUNTS[role])
    driver.find_element(By.ID, "f-password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    # The click only starts the navigation: wait for the start page itself, not for any page
    # (the login page is still there, with its own h1, until the answer arrives).
    wait_for_heading(driver, "Välkommen")


def wait_for_heading(driver, text, timeout=20):
    """Waits for the next page (a click's navigation) to show a heading containing `text`."""
    def ready(d):
        try:
            return text in d.find_element(By.TAG_NAME, "h1").text
        except Exception:  # no h1 yet, or the old page went stale under us
            return False
    try:
        WebDriverWait(driver, timeout).until(ready)
    except Exception:
        raise AssertionError(f"no heading with {text!r}: " + driver.page_source[:2000])


def logout(driver):
    driver.find_element(By.CSS_SELECTOR, "header .user button").click()
    WebDriverWait(driver, 20).until(lambda d: "/login" in d.current_url)


def run_axe(driver):
    """axe-core's WCAG 2.1 A and AA rules (and best practices) on the page; returns the violations."""
    driver.execute_script(AXE)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));")
    return json.loads(result)


def describe(violations):
    return "\n".join(f"{v['id']}: {v.get('help', '')} – " + "; ".join(n.get("target", [""])[0] if isinstance(n.get("target", [""])[0], str) else str(n.get("target")) for n in v.get("nodes", [])[:5]) for v in violations)


def screenshot(driver, name):
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    driver.set_window_size(1280, 900)
    full_height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(full_height, 900), 4000))
    driver.save_screenshot(os.path.join(SHOTS, f"{safe}-1280.png"))
    driver.set_window_size(320, 900)
    full_height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(320, min(max(full_height, 900), 6000))
    driver.save_screenshot(os.path.join(SHOTS, f"{safe}-320.png"))
    driver.set_window_size(1280, 900)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 640, "height": 450, "deviceScaleFactor": 2, "mobile": False})
    driver.save_screenshot(os.path.join(SHOTS, f"{safe}-zoom200.png"))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def cookies_header(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def fetch(driver, path):
    """GET path with the browser's session; returns (status, headers, bytes)."""
    request = urllib.request.Request(URL + path, headers={"Cookie": cookies_header(driver)})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def liggare(*args):
    return subprocess.run([BIN, "--log", LOG, *args], check=True, capture_output=True).stdout


def head_seq():
    out = liggare("stats", "--head").decode()
    m = re.search(r"seq (\d+)", out)
    assert m, out
    return int(m.group(1))
