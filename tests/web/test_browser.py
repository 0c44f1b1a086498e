"""A real Chromium against `searchidx serve`, as a user clicks: search, pages, articles, keys, hostile pages.

Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver), driven by
Selenium with nothing downloaded. Without them the tests are skipped, except where $CI is
set (.ci/run installs them and sets it): there a missing browser is a failure. Screenshots
of the search page and an article page are saved under the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from webdocs import HOSTILE_NAME, HOSTILE_PUBLISHER, STORIES


pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# The flags this machine's Chromium needs headless as root with a closed network (see .ci/run).
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage")
# Seconds to wait for a page on a loaded machine; a passing test never waits this long.
WAIT = 30
# Every payload in the hostile pages sets window.__xss: none may run.
XSS_CHECK = "return window.__xss === undefined && document.title.indexOf('owned') < 0"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    if os.environ.get("CI"):
        raise RuntimeError("chromium and chromium-driver are missing: .ci/run installs them with apt-get")
    pytest.skip("no chromium and chromium-driver (apt-get install chromium chromium-driver)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(web_index: Path) -> Iterator[str]:
    """`searchidx serve` over the web test index on a free loopback port; its URL."""
    yield from serve(web_index)


@pytest.fixture(scope="module")
def copies_server(copies_index: Path) -> Iterator[str]:
    """`searchidx serve` over the index of one story in five copies (webdocs.write_copies)."""
    yield from serve(copies_index)


def serve(index: Path) -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "searchidx", "serve", "--index", str(index), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), proc.stderr.read() if proc.poll() is not None else url
    yield url.rstrip("/")
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=WAIT)
    assert proc.returncode == 0


def chromium(profile: Path, *, javascript: bool = True, width: int = 1200) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    if width < 500:  # Chromium's windows are never narrower than 500 px: emulate a phone's screen
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 800,
                                                                               "pixelRatio": 1}})
    else:
        options.add_argument(f"--window-size={width},900")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    driver = chromium(tmp_path_factory.mktemp("chromium"))
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where this test saves its screenshots."""
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def wait(driver: WebDriver) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(driver, WAIT)


def hit_titles(driver: WebDriver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".hit h2 a")]


def console_errors(driver: WebDriver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


def query_of(driver: WebDriver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


def test_type_a_query_see_marked_hits_and_follow_the_pages(browser: WebDriver, server: str, shots: Path) -> None:
    browser.get(server + "/")
    # The box has the focus on the front page (autofocus, applied as the page settles).
    wait(browser).until(lambda d: d.switch_to.active_element.get_attribute("id") == "q")
    box = browser.switch_to.active_element
    box.send_keys("envoys", Keys.ENTER)
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".hit")))
    assert query_of(browser) == {"q": ["envoys"]}
    first_page = hit_titles(browser)
    assert len(first_page) == 10
    marks = browser.find_elements(By.CSS_SELECTOR, ".hit .snippet mark")
    assert marks and {m.text.lower() for m in marks} <= {"envoys", "envoy"}
    total = browser.find_element(By.CSS_SELECTOR, ".summary").text
    assert total.startswith(f"{STORIES + 1} matches") and "page 1 of 3" in total
    browser.save_screenshot(str(shots / "search.png"))

    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    wait(browser).until(lambda d: query_of(d).get("page") == ["2"])
    second_page = hit_titles(browser)
    assert len(second_page) == 10 and not set(second_page) & set(first_page)
    assert browser.find_element(By.CSS_SELECTOR, "ol.hits").get_attribute("start") == "11"
    browser.find_element(By.LINK_TEXT, "3").click()
    wait(browser).until(lambda d: query_of(d).get("page") == ["3"])
    assert len(hit_titles(browser)) == STORIES + 1 - 20
    assert not browser.find_elements(By.CSS_SELECTOR, "a[rel=next]")
    assert console_errors(browser) == []


def test_sort_and_filters_are_links_that_change_the_hits(browser: WebDriver, server: str) -> None:
    browser.get(server + "/?q=envoys+NOT+summit")
    browser.find_element(By.LINK_TEXT, "date").click()
    wait(browser).until(lambda d: query_of(d).get("sort") == ["date"])
    assert hit_titles(browser)[0].endswith(f"round {STORIES - 1}")
    browser.find_element(By.LINK_TEXT, "Omar Haddad").click()
    wait(browser).until(lambda d: query_of(d).get("speaker") == ["Omar Haddad"])
    summary = browser.find_element(By.CSS_SELECTOR, ".summary").text
    assert summary.startswith(f"{STORIES // 2} matches")
    browser.find_element(By.CSS_SELECTOR, ".active-filters a").click()  # remove the filter again
    wait(browser).until(lambda d: "speaker" not in query_of(d))
    assert browser.find_element(By.CSS_SELECTOR, ".summary").text.startswith(f"{STORIES} matches")


def test_copies_show_under_their_story_and_the_toggle_lists_each(browser: WebDriver, copies_server: str,
                                                                shots: Path) -> None:
    browser.get(copies_server + "/?q=floods")
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".hit")))
    assert len(hit_titles(browser)) == 3
    assert browser.find_element(By.CSS_SELECTOR, ".summary").text.startswith("3 stories (7 articles with their copies)")
    (copies,) = browser.find_elements(By.CSS_SELECTOR, ".copies")
    assert copies.text.startswith("+4 copies:") and HOSTILE_PUBLISHER in copies.text
    browser.save_screenshot(str(shots / "copies.png"))

    browser.find_element(By.LINK_TEXT, "all copies").click()
    wait(browser).until(lambda d: query_of(d).get("all_copies") == ["1"])
    assert len(hit_titles(browser)) == 7
    assert browser.find_element(By.CSS_SELECTOR, ".summary").text.startswith("7 matches (3 stories)")
    browser.find_element(By.LINK_TEXT, "date").click()  # the toggle stays on as the order changes
    wait(browser).until(lambda d: query_of(d).get("sort") == ["date"])
    assert query_of(browser).get("all_copies") == ["1"] and len(hit_titles(browser)) == 7
    browser.find_element(By.LINK_TEXT, "one hit per story").click()
    wait(browser).until(lambda d: "all_copies" not in query_of(d))
    assert len(hit_titles(browser)) == 3

    browser.find_element(By.CSS_SELECTOR, ".copies a").click()  # a copy opens as an article of its own
    wait(browser).until(lambda d: urlsplit(d.current_url).path == "/article")
    assert browser.find_elements(By.CSS_SELECTOR, ".body mark")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".article .copies a")) == 4  # ...naming the others
    opened = parse_qs(urlsplit(browser.current_url).query)["id"]
    browser.find_element(By.LINK_TEXT, "Similar articles").click()
    similar = browser.find_elements(By.CSS_SELECTOR, "#similar li a")
    assert sorted(a.text for a in similar) == ["Bank lends for rivers", "Dam talks stall"]
    similar[0].click()
    wait(browser).until(lambda d: parse_qs(urlsplit(d.current_url).query)["id"] != opened)
    assert browser.find_element(By.CSS_SELECTOR, ".article h1").text in ("Bank lends for rivers", "Dam talks stall")
    assert browser.execute_script(XSS_CHECK)
    assert console_errors(browser) == []


def facet_counts(driver: WebDriver, key: str) -> dict[str, int]:
    rows = driver.find_elements(By.CSS_SELECTOR, f'.facets [data-facet="{key}"] li')
    return {r.find_element(By.TAG_NAME, "a").text: int(r.find_element(By.CLASS_NAME, "count").text.replace(",", ""))
            for r in rows}


def test_click_facets_and_the_timeline_and_see_the_counts_change(browser: WebDriver, server: str) -> None:
    browser.get(server + "/?q=envoys+NOT+summit")
    assert facet_counts(browser, "source") == {"Xinhua": 8, "Reuters": 8, "AFP": 7}
    assert sum(facet_counts(browser, "speaker").values()) == STORIES
    browser.find_element(By.CSS_SELECTOR, '.facets [data-facet="source"]').find_element(By.LINK_TEXT, "AFP").click()
    wait(browser).until(lambda d: query_of(d).get("source") == ["AFP"])
    assert facet_counts(browser, "speaker") == {"Lena Ostrova": 4, "Omar Haddad": 3}
    browser.find_element(By.CSS_SELECTOR, '.facets [data-facet="speaker"]').find_element(
        By.LINK_TEXT, "Omar Haddad").click()  # a second facet combines with the first
    wait(browser).until(lambda d: query_of(d).get("speaker") == ["Omar Haddad"])
    assert query_of(browser)["source"] == ["AFP"] and len(hit_titles(browser)) == 3
    bar = browser.find_element(By.CSS_SELECTOR, "svg.chart a")
    label = bar.get_attribute("aria-label")
    bar.click()  # the first month with a match
    wait(browser).until(lambda d: "since" in query_of(d))
    assert label is not None and label.endswith(": 1 match")
    assert browser.find_element(By.CSS_SELECTOR, ".summary").text.startswith("1 match")
    assert query_of(browser)["since"][0].startswith(label[:7])


def test_search_quotes_then_open_the_article_they_come_from(browser: WebDriver, server: str) -> None:
    browser.get(server + "/?q=progress")
    browser.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, "Quotes").click()
    wait(browser).until(lambda d: urlsplit(d.current_url).path == "/quotes")
    assert query_of(browser) == {"q": ["progress"]}
    quotes = browser.find_elements(By.CSS_SELECTOR, "li.quote")
    assert len(quotes) == 10 and quotes[0].find_element(By.TAG_NAME, "mark").text == "progress"
    assert quotes[0].find_element(By.CLASS_NAME, "cue").text == "said"
    quotes[0].find_element(By.CSS_SELECTOR, ".facts a").click()
    wait(browser).until(lambda d: urlsplit(d.current_url).path == "/article")
    assert browser.find_element(By.CSS_SELECTOR, ".body mark").text == "progress"


def test_open_an_article_and_step_through_its_matches(browser: WebDriver, server: str, shots: Path) -> None:
    browser.get(server + "/?q=Russia+China")
    browser.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.article h1")))
    assert urlsplit(browser.current_url).path == "/article"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Chinese, Russian FMs pledge mutual support on core interests"
    marks = browser.find_elements(By.CSS_SELECTOR, ".body mark")
    assert len(marks) > 5 and marks[0].get_attribute("id") == "first-match"
    statements = browser.find_elements(By.CSS_SELECTOR, ".statements li")
    assert statements and "Lavrov" in browser.find_element(By.CSS_SELECTOR, ".statements").text
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    current = browser.find_elements(By.CSS_SELECTOR, ".body mark.current")
    assert len(current) == 1 and current[0] == marks[1]
    browser.save_screenshot(str(shots / "article.png"))
    statements[0].find_element(By.CSS_SELECTOR, "a.in-text").click()
    assert urlsplit(browser.current_url).fragment == "s1"
    browser.find_element(By.PARTIAL_LINK_TEXT, "Back to the results").click()
    wait(browser).until(lambda d: urlsplit(d.current_url).path == "/")
    assert query_of(browser) == {"q": ["Russia China"]}
    assert console_errors(browser) == []


def test_keyboard_reaches_the_content_and_slash_focuses_the_box(browser: WebDriver, server: str) -> None:
    browser.get(server + "/?q=envoys")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to content" and skip.is_displayed()
    skip.send_keys(Keys.ENTER)
    assert urlsplit(browser.current_url).fragment == "main"
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    assert browser.switch_to.active_element.get_attribute("id") == "q"


@pytest.mark.slow  # visits every hit's article page, hovering each link: half a minute
def test_hostile_pages_run_no_script_and_show_their_text(browser: WebDriver, server: str, web_folder: Path) -> None:
    browser.get(server + "/?q=summit&size=50")
    titles = hit_titles(browser)
    assert "<script>window.__xss=1</script> summit in Geneva" in titles
    assert '" onmouseover="window.__xss=7" x="summit' in titles
    page_text = browser.find_element(By.TAG_NAME, "main").text
    assert HOSTILE_NAME in page_text and "<b onmouseover=window.__xss=9>Agency</b>" in page_text
    pages = [server + "/?q=summit&size=50"]
    pages += [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".hit h2 a")]
    assert len(pages) >= 5
    pages.append(server + "/quotes?q=summit+OR+reject")
    for href in pages:
        browser.get(href)
        ActionHover(browser)
        assert browser.execute_script(XSS_CHECK), href
        assert _no_alert(browser), href
        scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
        assert scripts == [server + "/static/app.js"], href
        assert not browser.find_elements(By.CSS_SELECTOR, "main iframe, main img, main b, main svg:not(.chart)"), href
        drawn = browser.execute_script("return Array.from(document.querySelectorAll('svg.chart *'), e => e.tagName)")
        assert set(drawn) <= {"a", "rect", "title", "text", "g"}, href
        handlers = browser.execute_script(
            "return Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
            ".filter(a => a.name.startsWith('on') || /^\\s*(javascript|data):/i.test(a.value)).map(a => a.name)")
        assert handlers == [], href
    assert [m for m in console_errors(browser) if "Content Security Policy" in m or "Refused" in m] == []


def ActionHover(driver: WebDriver) -> None:
    """Move the pointer over every link and heading, as a reader would (an onmouseover would fire)."""
    from selenium.webdriver.common.action_chains import ActionChains

    for element in driver.find_elements(By.CSS_SELECTOR, "main a, main h1, main h2, .facts span")[:30]:
        if element.is_displayed():
            ActionChains(driver).move_to_element(element).perform()


def _no_alert(driver: WebDriver) -> bool:
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_a_narrow_window_has_no_sideways_scrolling(tmp_path: Path, server: str, web_folder: Path) -> None:
    driver = chromium(tmp_path / "narrow", width=360)
    try:
        driver.get(server + "/")
        assert driver.execute_script("return window.innerWidth") == 360
        for path in ("/?q=summit&size=50", "/?q=envoys", "/"):
            driver.get(server + path)
            wide = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 0, (path, wide)
        driver.get(server + "/?q=Russia")
        driver.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
        assert driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        driver.quit()


def test_search_and_articles_work_with_javascript_off(tmp_path: Path, server: str) -> None:
    driver = chromium(tmp_path / "nojs", javascript=False)
    try:
        driver.get(server + "/")
        assert driver.execute_script is not None
        box = driver.find_element(By.ID, "q")
        box.send_keys("marker12", Keys.ENTER)
        wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".hit")))
        assert hit_titles(driver) == ["Envoys meet in Astana for round 12"]
        driver.find_element(By.CSS_SELECTOR, "details.filters summary").click()
        source = driver.find_element(By.NAME, "source")
        source.send_keys("Reuters", Keys.ENTER)
        wait(driver).until(lambda d: query_of(d).get("source") == ["Reuters"])
        assert "No matches" in driver.find_element(By.TAG_NAME, "main").text
        driver.get(server + "/?q=marker12")
        driver.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
        wait(driver).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".body mark")))
        assert driver.find_element(By.CSS_SELECTOR, ".body mark").text == "marker12"
    finally:
        driver.quit()
