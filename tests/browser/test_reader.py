"""In a real browser, as a reader meets them: the index and two chapters in each language (Chinese text drawn
in Noto Sans CJK SC, figures, source lines, seed-line links, the chapter bar and the zh <-> en switch), and
one notebook opened in JupyterLab with the project's kernel and run to the end.

Debian's Chromium driven by Playwright (no browser download): `scripts/install-browser.sh` (Debian, root)
installs it with the CJK fonts; `make test-browser` runs this module (`make test` leaves it out).
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from helpers import REPO, cli, copy_project

from ai_industry.catalog.sections import load_config

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
if CHROMIUM is None:
    pytest.skip("Chromium not installed: run scripts/install-browser.sh (Debian, root)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: run make install")
expect = sync_api.expect

REPORT = "ai-clusters-2023"
# The chapters opened, and their neighbours in the report's order (config/sections.yaml) built beside them, so
# that every previous/next link of theirs has a page: the chapter bar links a neighbour only when it is built.
CHAPTERS = ("01_sample_database", "02_competitiveness")


def _neighbours(chapters: tuple[str, ...]) -> tuple[str, ...]:
    order = [s.stem for s in load_config(REPO).report(REPORT).sections]
    near = {order[j] for c in chapters for j in (order.index(c) - 1, order.index(c) + 1) if 0 <= j < len(order)}
    return tuple(sorted(near - set(chapters)))


NEIGHBOURS = _neighbours(CHAPTERS)
LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}
NAV = {
    "zh": {"index": "全部报告", "book": "本报告全书", "prev": "上一章", "next": "下一章", "other": "English"},
    "en": {"index": "All reports", "book": "Whole report", "prev": "Previous", "next": "Next", "other": "中文"},
}
SOURCE_PREFIX = {"zh": "数据来源：", "en": "Source:"}
CJK_FAMILY = "Noto Sans CJK SC"
CJK = re.compile(r"[\u4e00-\u9fff]")

NOTEBOOK = "nansha-proposal/01_targets_key_figures.ipynb"
KERNEL = "ai-industry"
KERNEL_DISPLAY = "ai-industry (.venv)"


# ---- the built site, served over http --------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _sections(root: Path) -> dict[str, dict]:
    """The report's sections from the copy's config/sections.yaml, by notebook stem."""
    cfg = yaml.safe_load((root / "config/sections.yaml").read_text(encoding="utf-8"))
    return {Path(s["notebook"]).stem: s for s in cfg["reports"][REPORT]["sections"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the project with three chapters built in zh and en, its reports/ served on a free port."""
    root = copy_project(tmp_path_factory.mktemp("site"))
    sections = ",".join(CHAPTERS + NEIGHBOURS)  # one build: every page links the neighbours built with it
    cli(root, "build", "--report", REPORT, "--section", sections, "--langs", ",".join(LANGS), check=True)
    handler = functools.partial(_QuietHandler, directory=str(root / "reports"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"root": root, "url": f"http://127.0.0.1:{httpd.server_address[1]}", "sections": _sections(root)}
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page; JavaScript errors it raises are collected in `page.js_errors`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    context.set_default_timeout(30_000)
    pg = context.new_page()
    pg.js_errors = []
    pg.on("pageerror", lambda err: pg.js_errors.append(str(err)))
    try:
        yield pg
    finally:
        context.close()


def _chapter_url(site, lang: str, stem: str) -> str:
    return f"{site['url']}/html/{lang}/{REPORT}/{stem}.html"


def _title(site, lang: str, stem: str) -> str:
    return site["sections"][stem][f"title_{lang}"]


def _status(page, url: str) -> int:
    return page.request.get(url).status


def _nav_link(page, key: str, lang: str):
    return page.locator("nav.chapter-nav").first.get_by_role("link", name=NAV[lang][key], exact=True)


def _cjk_fonts(page, selector: str) -> list[dict]:
    """The platform fonts Chromium actually drew the text of `selector` with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        doc = cdp.send("DOM.getDocument", {"depth": -1})
        node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": selector})
        assert node["nodeId"], f"no {selector} on {page.url}"
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    finally:
        cdp.detach()


def _assert_chinese_drawn_in_cjk_font(page, selector: str) -> None:
    text = page.locator(selector).first.inner_text()
    assert CJK.search(text), f"{selector} on {page.url} has no Chinese text: {text!r}"
    assert page.evaluate(
        "async (family) => { await document.fonts.ready; await document.fonts.load(`16px \"${family}\"`, '中文');"
        " return document.fonts.check(`16px \"${family}\"`, '中文'); }",
        CJK_FAMILY,
    ), f"the @font-face {CJK_FAMILY} did not load on {page.url}"
    fonts = _cjk_fonts(page, selector)
    drawn = [f for f in fonts if CJK_FAMILY in f["familyName"] and f["glyphCount"] > 0]
    assert drawn, f"{selector} on {page.url} was not drawn in {CJK_FAMILY}: {fonts}"


# ---- the index ------------------------------------------------------------------------------------------


def test_index_lists_both_chapters_in_both_languages_and_its_links_resolve(site, page):
    page.goto(f"{site['url']}/index.html")
    expect(page.locator("h1.chapter-title")).to_be_visible()
    _assert_chinese_drawn_in_cjk_font(page, "h2")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")
    own = {rel: url for rel, url in hrefs}
    for lang in LANGS:
        for stem in CHAPTERS + NEIGHBOURS:
            rel = f"html/{lang}/{REPORT}/{stem}.html"
            assert rel in own, f"the index does not link {rel}"
            assert f"pdf/{lang}/{REPORT}/{stem}.pdf" in own
        assert f"html/{lang}/{REPORT}/index.html" in own
    table = page.locator("table.index", has=page.locator(f'a[href="html/zh/{REPORT}/{CHAPTERS[0]}.html"]'))
    for stem in CHAPTERS:
        expect(table).to_contain_text(_title(site, "zh", stem))
        expect(table).to_contain_text(_title(site, "en", stem))
    # every link of the built report (chapters and whole book, HTML and PDF) and the manifest resolves
    checked = {rel: url for rel, url in own.items() if f"/{REPORT}" in rel or rel == "manifest.json"}
    assert len(checked) >= 4 * len(LANGS) * len(CHAPTERS)
    broken = {rel: s for rel, url in checked.items() if (s := _status(page, url)) != 200}
    assert not broken, f"links of the index that do not resolve: {broken}"
    # and a reader gets from the index to a chapter and back
    page.locator(f'a[href="html/zh/{REPORT}/{CHAPTERS[0]}.html"]').click()
    page.wait_for_url(_chapter_url(site, "zh", CHAPTERS[0]))
    _nav_link(page, "index", "zh").click()
    page.wait_for_url(f"{site['url']}/index.html")
    assert not page.js_errors, page.js_errors


def test_shipped_cjk_web_font_loads_and_draws_chinese(site, page):
    """The font file the pages fall back to where Noto Sans CJK SC is not installed (here it is)."""
    page.goto(f"{site['url']}/index.html")
    status = page.evaluate(
        """async () => {
            const face = new FontFace('ShippedCJK', 'url(assets/NotoSansCJKsc-Regular.otf)');
            await face.load();
            document.fonts.add(face);
            const p = document.createElement('p');
            p.id = 'shipped-font-probe';
            p.style.fontFamily = 'ShippedCJK, monospace';
            p.textContent = '中国新一代人工智能';
            document.body.append(p);
            return face.status;
        }"""
    )
    assert status == "loaded"
    fonts = _cjk_fonts(page, "#shipped-font-probe")
    assert [f["glyphCount"] for f in fonts if f["isCustomFont"]] == [9], fonts


# ---- the chapters ---------------------------------------------------------------------------------------

CASES = [(lang, stem) for lang in LANGS for stem in CHAPTERS]
IDS = [f"{lang}-{stem}" for lang, stem in CASES]


@pytest.mark.parametrize(("lang", "stem"), CASES, ids=IDS)
def test_chapter_shows_its_chinese_title_figures_and_sources(site, page, lang, stem):
    page.goto(_chapter_url(site, lang, stem), wait_until="load")
    title = _title(site, lang, stem)
    h1 = page.locator("h1.chapter-title").first
    expect(h1).to_be_visible()
    expect(h1).to_contain_text(title)
    assert title in page.title()
    # zh: the title itself; en: the subtitle under it, which carries the Chinese title
    _assert_chinese_drawn_in_cjk_font(page, "h1.chapter-title" if lang == "zh" else "p.chapter-subtitle")
    if lang == "zh":
        expect(page.locator("p.chapter-subtitle").first).to_contain_text(_title(site, "en", stem))
    else:
        expect(page.locator("p.chapter-subtitle").first).to_contain_text(_title(site, "zh", stem))
    images = page.eval_on_selector_all(
        "figure.chart img", "els => els.map(i => ({src: i.src.slice(0, 22), complete: i.complete, w: i.naturalWidth}))"
    )
    assert images, f"no figure on {page.url}"
    assert all(i["src"] == "data:image/png;base64," for i in images), images
    assert all(i["complete"] and i["w"] > 0 for i in images), f"a figure did not decode: {images}"
    expect(page.locator("figure.chart img").first).to_be_visible()
    sources = page.locator("p.source-line")
    assert sources.count() >= 1, f"no source line on {page.url}"
    expect(sources.first).to_be_visible()
    for text in sources.all_inner_texts():
        assert text.startswith(SOURCE_PREFIX[lang]), text
    assert not page.js_errors, page.js_errors


@pytest.mark.parametrize(("lang", "stem"), CASES, ids=IDS)
def test_language_switch_opens_the_same_chapter_in_the_other_language(site, page, lang, stem):
    other = OTHER[lang]
    page.goto(_chapter_url(site, lang, stem))
    _nav_link(page, "other", lang).click()
    page.wait_for_url(_chapter_url(site, other, stem))
    expect(page.locator("h1.chapter-title").first).to_contain_text(_title(site, other, stem))
    assert _title(site, other, stem) in page.title()
    assert page.evaluate("document.documentElement.lang").startswith(other)
    _nav_link(page, "other", other).click()  # and back
    page.wait_for_url(_chapter_url(site, lang, stem))
    expect(page.locator("h1.chapter-title").first).to_contain_text(_title(site, lang, stem))


@pytest.mark.parametrize(("lang", "stem"), CASES, ids=IDS)
def test_chapter_bar_links_resolve(site, page, lang, stem):
    page.goto(_chapter_url(site, lang, stem))
    order = list(site["sections"])
    i = order.index(stem)
    expected = {
        "index": f"{site['url']}/index.html",
        "book": f"{site['url']}/html/{lang}/{REPORT}/index.html",
        "other": _chapter_url(site, OTHER[lang], stem),
    }
    if i > 0:
        expected["prev"] = _chapter_url(site, lang, order[i - 1])
    if i + 1 < len(order):
        expected["next"] = _chapter_url(site, lang, order[i + 1])
    for key in ("prev", "next"):
        if key not in expected:
            expect(_nav_link(page, key, lang)).to_have_count(0)
    for key, url in expected.items():
        link = _nav_link(page, key, lang)
        expect(link).to_have_count(1)
        assert link.evaluate("a => a.href") == url, key
        assert _status(page, url) == 200, f"{NAV[lang][key]} -> {url} does not resolve"
    # a reader follows "next" (or "previous") and lands on that chapter
    key = "next" if "next" in expected else "prev"
    _nav_link(page, key, lang).click()
    page.wait_for_url(expected[key])
    expect(page.locator("h1.chapter-title").first).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_seed_line_link_opens_the_seed_at_that_line(site, page, lang):
    page.goto(_chapter_url(site, lang, CHAPTERS[0]))
    link = page.locator("a.seed-line").first
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    m = re.fullmatch(r"\.\./\.\./\.\./seeds/[\w.-]+\.html#(L\d+)", href or "")
    assert m, f"unexpected seed-line link {href!r}"
    anchor = m.group(1)
    link.click()
    page.wait_for_url(re.compile(rf"/seeds/[\w.-]+\.html#{anchor}$"))
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert target.inner_text().strip(), f"seed line {anchor} is empty"


# ---- JupyterLab --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read().decode("utf-8"))


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the project whose notebook's inputs are built, as `make lab` starts it."""
    root = copy_project(tmp_path_factory.mktemp("lab"))
    cli(root, "build", "--report", "nansha-proposal", "--langs", "zh", check=True)  # the notebook's datasets
    home = tmp_path_factory.mktemp("jupyter")
    env = {k: v for k, v in os.environ.items() if k != "AI_INDUSTRY_ROOT"}  # the kernel finds the root itself
    env.update(
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),  # kernels then come from the venv (--sys-prefix) only
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
    )
    news = home / "settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false"}', encoding="utf-8")  # no "official Jupyter news?" prompt
    tracker = home / "settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}', encoding="utf-8")  # every cell in the page, drawn or not

    specs = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    spec = json.loads(specs.stdout)["kernelspecs"].get(KERNEL)
    if spec is None:
        pytest.fail(f"kernel {KERNEL!r} is not registered in the venv: run `make install`")
    assert spec["spec"]["display_name"] == KERNEL_DISPLAY
    kernel_bin = Path(spec["spec"]["argv"][0]).parent.resolve()
    assert kernel_bin == (Path(sys.prefix) / "bin").resolve(), f"kernel {KERNEL!r} runs {spec['spec']['argv'][0]}"

    port, token = _free_port(), secrets.token_hex(16)
    log = (home / "lab.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root / 'notebooks'}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    api = lambda path: f"{base}{path}{'&' if '?' in path else '?'}token={token}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode}:\n{(home / 'lab.log').read_text()}")
            try:
                _get_json(api("/api/status"))
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer in 120 s:\n{(home / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield {"base": base, "token": token, "api": api, "root": root, "log": home / "lab.log"}
    finally:
        try:  # shut the kernels down (they run in sessions of their own), then the server
            for session in _get_json(api("/api/sessions")):
                req = urllib.request.Request(api(f"/api/sessions/{session['id']}"), method="DELETE")
                urllib.request.urlopen(req, timeout=30).close()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_notebook_runs_to_the_end_in_jupyterlab_with_the_project_kernel(lab, page):
    page.set_default_timeout(60_000)
    saved = _get_json(lab["api"](f"/api/contents/{NOTEBOOK}?content=1"))["content"]
    code_cells = [c for c in saved["cells"] if c["cell_type"] == "code"]
    assert len(code_cells) > 5, f"only {len(code_cells)} code cells in {NOTEBOOK}"
    page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK}?token={lab['token']}")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Notebook")).to_be_visible(timeout=120_000)
    indicator = panel.locator(".jp-Notebook-ExecutionIndicator")
    # the notebook's session runs the project's kernel, and the toolbar names it
    deadline = time.monotonic() + 120
    while not (sessions := [s for s in _get_json(lab["api"]("/api/sessions")) if s["path"] == NOTEBOOK]):
        assert time.monotonic() < deadline, f"no kernel session for {NOTEBOOK}:\n{lab['log'].read_text()}"
        time.sleep(0.5)
    assert [s["kernel"]["name"] for s in sessions] == [KERNEL], sessions
    expect(panel.locator(".jp-NotebookPanel-toolbar")).to_contain_text(KERNEL_DISPLAY)
    expect(indicator).to_have_attribute("data-status", "idle", timeout=120_000)  # the kernel has started

    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    # done: the first cell has run, none is queued or running any more, and the kernel is idle
    page.wait_for_function(
        """() => {
            const ps = [...document.querySelectorAll(
                '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            return ps.length > 0 && /\\[\\d+\\]/.test(ps[0]) && !ps.some(t => t.includes('*'));
        }""",
        timeout=180_000,
    )
    expect(indicator).to_have_attribute("data-status", "idle", timeout=60_000)

    errors = [
        t
        for t in panel.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        ).all_inner_texts()
        if "Traceback" in t or re.search(r"\b\w+(Error|Exception)\b", t)
    ]
    assert not errors, "a cell failed:\n" + "\n---\n".join(errors)
    # one fresh kernel ran every code cell once, in order: [1] ... [n]
    n = len(code_cells)
    expect(prompts).to_have_text([re.compile(rf"^\s*\[{i}\]:?\s*$") for i in range(1, n + 1)])
    images = panel.locator(".jp-OutputArea-output img").evaluate_all("els => els.map(i => i.naturalWidth)")
    assert images and all(w > 0 for w in images), f"figures in the outputs: {images}"

    # saved, the notebook holds every output and no error
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-dirty")).to_have_count(0)
    nb = _get_json(lab["api"](f"/api/contents/{NOTEBOOK}?content=1"))["content"]
    assert nb["metadata"]["kernelspec"]["name"] == KERNEL
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    failed = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert not failed, failed
    assert not page.js_errors, page.js_errors
