#!/usr/bin/env python3
"""The console end to end in a real browser (Chromium through Selenium and chromedriver).

France's signer issues an IA; India's signer, in a second browser session, sees it arrive in the
inbox live, and issues the EA against it; France endorses it, prints it and verifies the print; the
Board's chart pages are read back. Writes what it saw to OUT/results.json (the Swift test compares
it with `licit`), the print to OUT/print.html, and screenshots of the main pages to OUT/*.png.

    console_e2e.py --url https://127.0.0.1:PORT --out DIR [--chromium PATH] [--chromedriver PATH]
"""
import argparse
import json
import os
import sys
import time
import uuid

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 45  # seconds; generous, for a loaded CI machine


def browser(args):
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    # The sandbox console's certificate is its own, self-signed.
    options.accept_insecure_certs = True
    driver = webdriver.Chrome(service=Service(executable_path=args.chromedriver), options=options)
    driver.set_page_load_timeout(60)
    return driver


def wait(driver, condition, timeout=WAIT):
    # A live page changes under the test (rows arrive): an element gone stale is looked for again.
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def gone(element):
    """A condition: the page `element` was on has been replaced (after a submit or a click)."""

    def check(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            # Chromium, mid-navigation: "Node with given id does not belong to the document".
            return "does not belong to the document" in str(error)

    return check


def sign_in(driver, url, account):
    driver.get(url + "/signin")
    Select(driver.find_element(By.ID, "account")).select_by_value(account)
    driver.find_element(By.CSS_SELECTOR, "form[action='/signin'] button[type=submit]").click()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "p.who")))


def status_of(driver):
    return wait(driver, EC.presence_of_element_located((By.ID, "status"))).text.strip()


def fill(driver, field_id, text):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def check_then_issue(driver, out, shot):
    """Checks the form (the exchange's preview must accept it), then issues it with confirmation."""
    # The live check may already show a verdict: wait for the checked page itself.
    form = driver.find_element(By.ID, "document-form")
    driver.find_element(By.CSS_SELECTOR, "button[name=step][value=check]").click()
    wait(driver, gone(form))
    accepted = wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "#accepted, #problems")))
    if accepted.get_attribute("id") != "accepted":
        raise AssertionError("the exchange would refuse the form: " + accepted.text)
    base = driver.find_element(By.ID, "base-quantities").text
    driver.save_screenshot(os.path.join(out, shot))
    driver.find_element(By.CSS_SELECTOR, "button[name=step][value=review]").click()
    confirm = wait(driver, EC.element_to_be_clickable((By.ID, "confirm")))
    confirm.click()
    wait(driver, gone(confirm))
    return base


def inbox_row(driver, about, timeout=WAIT):
    """The inbox row about `about`, waited for without reloading the page (it must arrive live)."""
    selector = "#events tbody tr"

    def find(d):
        for row in d.find_elements(By.CSS_SELECTOR, selector):
            cells = row.find_elements(By.TAG_NAME, "td")
            if len(cells) > 3 and cells[3].text.strip() == about:
                return row
        return False

    return wait(driver, find, timeout)


UNLABELLED = """
return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
  .filter(field => field.labels === null || field.labels.length === 0)
  .map(field => field.id || field.name);
"""


def unlabelled_fields(driver):
    """Every visible form field must have a label a screen reader announces."""
    return driver.execute_script(UNLABELLED)


def sign_in_by_keyboard(driver, url, account):
    """Signs in without a mouse: Tab to the account list, choose, Tab to the button, Enter."""
    driver.get(url + "/signin")
    keys = ActionChains(driver)
    # From the top of the page, Tab until the account list has the focus.
    for _ in range(12):
        keys.send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("id") == "account":
            break
    if driver.switch_to.active_element.get_attribute("id") != "account":
        raise AssertionError("the account list cannot be reached with Tab")
    Select(driver.switch_to.active_element).select_by_value(account)
    keys.send_keys(Keys.TAB).perform()
    keys.send_keys(Keys.ENTER).perform()
    wait(driver, EC.presence_of_element_located((By.CSS_SELECTOR, "p.who")))


def chart_bars(driver, chart_id):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#' + arguments[0] + ' g.bar')).map(g => Object.assign({}, g.dataset));",
        chart_id,
    )


def arguments():
    """--url, --out (made if missing), --chromium, --chromedriver: every browser script's options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    return args, args.url.rstrip("/")


def report_failure(out, drivers):
    """What each browser showed when a script went wrong: a screenshot, and its page's text."""
    for name, driver in drivers.items():
        if driver is None:
            continue
        try:
            driver.save_screenshot(os.path.join(out, "failure-%s.png" % name))
            text = driver.execute_script(
                "const m = document.querySelector('main'); return m ? m.innerText : document.body.innerText;"
            )
            print("--- %s at %s:\n%s" % (name, driver.current_url, text[:3000]), file=sys.stderr)
        except Exception as error:
            print("--- %s: %s" % (name, error), file=sys.stderr)


def write_results(out, results):
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as file:
        json.dump(results, file, indent=2, ensure_ascii=False)


def main():
    args, url = arguments()
    suffix = uuid.uuid4().hex[:6].upper()
    ia_number, ea_number = "IA-WEB-" + suffix, "EA-WEB-" + suffix
    results = {}

    # Two browsers at a time at most: Chromium is heavy on a small machine running other tests.
    france, india, board = browser(args), browser(args), None
    try:
        sign_in(france, url, "fr-signer")
        sign_in(india, url, "in-signer")
        india.get(url + "/inbox")
        wait(india, lambda d: d.find_element(By.ID, "events").get_attribute("data-live") == "open")

        # France issues the IA, checked first by the exchange.
        france.get(url + "/ia/new")
        fill(france, "f-number", ia_number)
        Select(france.find_element(By.ID, "f-exporting_country")).select_by_value("IN")
        Select(france.find_element(By.ID, "f-importer")).select_by_value("FR-ANSM-T1")
        fill(france, "f-exporter_name", "Ganges Alkaloids Ltd")
        fill(france, "f-exporter_address", "Ghazipur, Uttar Pradesh")
        fill(france, "line-form-0", "MORPHINE-SULFATE-PENTAHYDRATE")
        fill(france, "line-quantity-0", "10kg")
        # The live check, while typing: the preview fills in without a submit.
        wait(france, EC.presence_of_element_located((By.CSS_SELECTOR, "#preview #base-quantities")))
        results["ia_base"] = check_then_issue(france, args.out, "ia-form.png")
        results["ia_status"] = status_of(france)
        results["ia"] = "FR-ANSM/" + ia_number

        # India sees it arrive live, and issues the EA against it.
        started = time.monotonic()
        row = inbox_row(india, results["ia"])
        results["ia_arrived_after_s"] = round(time.monotonic() - started, 2)
        india.save_screenshot(os.path.join(args.out, "inbox.png"))
        row.find_element(By.TAG_NAME, "a").click()
        wait(india, EC.element_to_be_clickable((By.ID, "issue-ea"))).click()
        # A click does not wait for the page it opens: wait for the form itself.
        wait(india, EC.presence_of_element_located((By.ID, "f-number")))
        fill(india, "f-number", ea_number)
        fill(india, "line-form-0", "MORPHINE-SULFATE-PENTAHYDRATE")
        fill(india, "line-quantity-0", "6kg")
        results["ea_base"] = check_then_issue(india, args.out, "ea-form.png")
        results["ea_status"] = status_of(india)
        results["ea"] = "IN-NCB/" + ea_number
        india.quit()
        india = None

        # France endorses it on arrival.
        france.get(url + "/inbox")
        inbox_row(france, results["ea"]).find_element(By.TAG_NAME, "a").click()
        endorse = wait(france, EC.presence_of_element_located((By.ID, "endorse")))
        endorse.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(france, gone(endorse))
        results["endorsed_status"] = status_of(france)
        france.save_screenshot(os.path.join(args.out, "document.png"))

        # The print view, saved byte for byte, then verified in the console.
        print_url = france.find_element(By.ID, "print").get_attribute("href")
        text = france.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);",
            print_url,
        )
        with open(os.path.join(args.out, "print.html"), "w", encoding="utf-8", newline="") as file:
            file.write(text)
        france.get(print_url)
        results["print_has_qr"] = len(france.find_elements(By.CSS_SELECTOR, "figure.qr svg")) == 1
        france.save_screenshot(os.path.join(args.out, "print.png"))
        france.get(url + "/verify")
        france.execute_script("document.getElementById('print').value = arguments[0];", text)
        france.find_element(By.CSS_SELECTOR, "#verify-form button[type=submit]").click()
        verdict = wait(france, EC.presence_of_element_located((By.ID, "verdict")))
        results["verify"] = {"valid": "ok" in verdict.get_attribute("class"), "text": verdict.text}

        # The Board's charts, read back from the page; the Board signs in by keyboard alone.
        board = browser(args)
        sign_in_by_keyboard(board, url, "board-admin")
        board.get(url + "/board/estimates?threshold=1")
        wait(board, EC.presence_of_element_located((By.ID, "estimates")))
        results["estimates"] = chart_bars(board, "estimates-chart")
        board.save_screenshot(os.path.join(args.out, "board-estimates.png"))
        board.get(url + "/board")
        wait(board, EC.presence_of_element_located((By.ID, "flows")))
        results["flows"] = chart_bars(board, "flows-chart")
        board.save_screenshot(os.path.join(args.out, "board-flows.png"))

        # Every field of the main pages is labelled.
        unlabelled = {}
        for path in ("/inbox", "/documents", "/ia/new", "/ea/new", "/paper/new", "/verify", "/training"):
            france.get(url + path)
            missing = unlabelled_fields(france)
            if missing:
                unlabelled[path] = missing
        for path in ("/board", "/board/estimates", "/board/over-time", "/admin/accounts", "/board/requests"):
            board.get(url + path)
            missing = unlabelled_fields(board)
            if missing:
                unlabelled[path] = missing
        results["unlabelled"] = unlabelled

        # In French, from the same vocabulary as licit.
        france.get(url + "/lang?to=fr&back=/inbox")
        results["french_title"] = france.find_element(By.TAG_NAME, "h1").text
    except Exception:
        report_failure(args.out, {"france": france, "india": india, "board": board})
        raise
    finally:
        for driver in (france, india, board):
            if driver is not None:
                driver.quit()
    write_results(args.out, results)
    print(json.dumps({k: v for k, v in results.items() if k not in ("estimates", "flows")}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
