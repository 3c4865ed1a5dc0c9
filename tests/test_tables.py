"""HTML tables (helpers.pages.tables): escaped and stable (long sortable tables: test_site_sortable.py)."""

import pandas as pd

from helpers.pages.tables import html_table


def test_table_escapes_and_is_stable():
    df = pd.DataFrame({"模式": ["青岛", "<script>alert(1)</script>"], "数值": [1, None]})
    a = html_table(df, caption="标题 <i>", footer_html="<a href='#x'>x</a>").html
    assert "<script>" not in a and "&lt;script&gt;" in a
    assert "标题 &lt;i&gt;" in a and "—" in a
    assert a == html_table(df, caption="标题 <i>", footer_html="<a href='#x'>x</a>").html
    assert " id=" not in a
