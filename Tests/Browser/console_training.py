#!/usr/bin/env python3
"""A training scenario played in the browser to a full score (Chromium through Selenium).

France's signer plays first-import: starts it on the training page, follows its prompts with the
console's forms (the prompt box at the top of every page), sees the bots' acts appear live, endorses what
the bot exported, and reads the score and the rules taught; the trainer's page shows the trainee's
score. Writes OUT/results.json and screenshots.

    console_training.py --url https://127.0.0.1:PORT --out DIR [--chromium PATH] [--chromedriver PATH]
"""
import json
import os
import sys
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from console_e2e import arguments, browser, check_then_issue, fill, gone, report_failure, sign_in, wait, write_results


def log_lines(driver):
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#training-log li")]


def wait_for_line(driver, prefix, timeout=120):
    return wait(driver, lambda d: next((l for l in log_lines(d) if l.startswith(prefix)), False), timeout)


def main():
    args, url = arguments()
    results = {}
    trainee, trainer = browser(args), browser(args)
    try:
        sign_in(trainee, url, "fr-signer")
        trainee.get(url + "/training")
        Select(trainee.find_element(By.ID, "scenario")).select_by_value("first-import")
        trainee.find_element(By.CSS_SELECTOR, "#start-training button[type=submit]").click()
        wait(trainee, EC.presence_of_element_located((By.ID, "training-log")))
        run_url = trainee.current_url
        results["first_prompt"] = wait_for_line(trainee, "» ")

        # The IA, as the prompt asks; the prompt box is beside the form.
        trainee.get(url + "/ia/new")
        results["aside_prompt"] = trainee.find_element(By.CSS_SELECTOR, "aside.training .prompt").text
        fill(trainee, "f-number", "IA-TR-" + uuid.uuid4().hex[:6].upper())
        Select(trainee.find_element(By.ID, "f-exporting_country")).select_by_value("IN")
        Select(trainee.find_element(By.ID, "f-importer")).select_by_value("FR-ANSM-T1")
        fill(trainee, "f-exporter_name", "Ganges Alkaloids Ltd")
        fill(trainee, "f-exporter_address", "Ghazipur")
        fill(trainee, "line-form-0", "MORPHINE")
        fill(trainee, "line-quantity-0", "10kg")
        check_then_issue(trainee, args.out, "training-ia-form.png")

        # The bots answer live on the scenario's page: a refused EA, then the EA, then the export.
        trainee.get(run_url)
        results["ia_met"] = wait_for_line(trainee, "✓")
        results["endorse_prompt"] = wait_for_line(trainee, "» The consignment has arrived")
        results["bot_lines"] = [l for l in log_lines(trainee) if l.startswith("bot: ")]

        # The EA the bot issued, from the inbox; endorsed with what arrived, in base.
        trainee.get(url + "/inbox")
        row = wait(
            trainee,
            lambda d: next(
                (r for r in d.find_elements(By.CSS_SELECTOR, "#events tbody tr")
                 if len(r.find_elements(By.TAG_NAME, "td")) > 3
                 and r.find_elements(By.TAG_NAME, "td")[2].text == "ea_received"),
                False,
            ),
        )
        row.find_element(By.TAG_NAME, "a").click()
        endorse = wait(trainee, EC.presence_of_element_located((By.ID, "endorse")))
        fill(trainee, "received0", "base:9.5kg")
        endorse.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait(trainee, gone(endorse))

        trainee.get(run_url)
        score = wait(trainee, EC.presence_of_element_located((By.ID, "training-score")), 120)
        results["score"] = score.find_element(By.TAG_NAME, "strong").text
        results["rules"] = [cell.text for cell in trainee.find_elements(By.CSS_SELECTOR, "#outcomes tbody td:last-child")]
        trainee.save_screenshot(os.path.join(args.out, "training.png"))

        # The trainer follows every trainee.
        sign_in(trainer, url, "board-admin")
        trainer.get(url + "/training/trainer")
        rows = trainer.find_elements(By.CSS_SELECTOR, "#trainees tbody tr")
        results["trainer_rows"] = [[cell.text for cell in r.find_elements(By.TAG_NAME, "td")] for r in rows]
        trainer.save_screenshot(os.path.join(args.out, "trainer.png"))
    except Exception:
        report_failure(args.out, {"trainee": trainee, "trainer": trainer})
        raise
    finally:
        for driver in (trainee, trainer):
            driver.quit()
    write_results(args.out, results)
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
