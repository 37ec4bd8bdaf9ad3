"""Notes as safe HTML: CommonMark rendered, raw HTML and unsafe links escaped, no fetches."""

from __future__ import annotations

import subprocess
import sys

from ocstudy.services.exchange.markdown import render_markdown


def test_headings_emphasis_lists_and_links_are_rendered() -> None:
    html = render_markdown("# Palermo\n\n**Signed**, *in force*\n\n- one\n- [UN](https://un.org)")
    assert html == (
        "<h1>Palermo</h1>\n<p><strong>Signed</strong>, <em>in force</em></p>\n"
        '<ul>\n<li>one</li>\n<li><a href="https://un.org">UN</a></li>\n</ul>'
    )


def test_raw_html_and_script_links_are_escaped_and_images_become_links() -> None:
    html = render_markdown(
        '<script>alert(1)</script> <img src=x onerror="y">\n\n[x](javascript:alert(1))\n\n'
        "![map *of* Vienna](https://example.org/map.png)"
    )
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org/map.png">map of Vienna</a>' in html


def test_blank_notes_render_to_nothing() -> None:
    assert render_markdown("") == render_markdown(" \n\t") == ""
    assert render_markdown("a\r\nb") == "<p>a\nb</p>"


def test_markdown_it_is_not_imported_with_the_module() -> None:
    code = "import sys, ocstudy.services.exchange.markdown; print('markdown_it' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
