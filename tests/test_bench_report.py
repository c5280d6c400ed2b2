"""The `make bench` report: targets judged right, missing figures never counted as met, blocks kept apart."""

from bench import report, run


def figures(rate, p50, p95, p99, hits=0.0):
    return {"rate": rate, "p50_ms": p50, "p95_ms": p95, "p99_ms": p99,
            "p99_p50": round(p99 / p50, 2) if p50 else None, "hit_percent": hits,
            "non_200": 0, "socket_errors": 0}  # fmt: skip


def result(detail_uncached, detail_cached, queries=10):
    dataset = {"sizes": {"procedures": {"vi": 10, "en": 10}}, "pages": 40, "build_seconds": 5.0,
               "demo_seconds": 3.0, "fill_seconds": 1.0}  # fmt: skip
    return {
        "settings": {"workers": 2, "threads": 2, "connections": 4, "seconds": 10},
        "dataset": dataset,
        "types": {
            "article": {
                "kind": "detail",
                "urls": 200,
                "queries_first": queries,
                "queries_repeat": queries,
                "uncached": detail_uncached,
                "cached": detail_cached,
            },  # fmt: skip
        },
    }


def test_verdict_directions_and_missing_figures():
    assert report.verdict(50, 60) == "✓"
    assert report.verdict(61, 60) == "✗"
    assert report.verdict(150, 100, upper=False) == "✓"
    assert report.verdict(99, 100, upper=False) == "✗"
    assert report.verdict(None, 60) == "—"


def test_targets_met_and_not_met_are_counted():
    good = result(figures(150.0, 20.0, 40.0, 50.0), figures(2500.0, 1.0, 2.0, 2.5, hits=99.0))
    lines, met, checked = report.rows(good)
    assert (met, checked) == (6, 6)
    bad = result(figures(50.0, 20.0, 90.0, 80.0), figures(900.0, 1.0, 2.0, 5.0), queries=30)
    lines, met, checked = report.rows(bad)
    assert met == 0 and checked == 6
    assert "30 / 30 ✗" in lines[-1]


def test_no_answer_is_not_a_met_latency_target():
    silent = {**figures(0.0, None, None, None), "p99_p50": None}
    lines, met, checked = report.rows(result(silent, silent))
    assert met == 1 and checked == 3  # only the query budget (10 ≤ 12) was judged and met
    assert "— / — — / —" in lines[-1]


def test_markdown_names_command_sizes_and_chart():
    text = "\n".join(report.markdown({"sqlite": result(figures(1.0, 1.0, 1.0, 1.0), figures(1.0, 1.0, 1.0, 1.0))},
                                     "make bench", host={"cores": 2, "cpu": "cpu", "python": "3.11",
                                                         "system": "Linux", "load": "1.0"}))  # fmt: skip
    assert "Command: `make bench`" in text
    assert "procedures 10 vi + 10 en" in text
    assert "performance-pages.png" in text


def test_write_block_replaces_only_its_own_block(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    doc = tmp_path / "docs" / "performance.md"
    doc.write_text("# Performance\n\nhand-written\n\n<!-- make bench: visits start -->\nold visits\n"
                   "<!-- make bench: visits end -->\n\nmore notes\n")  # fmt: skip
    monkeypatch.setattr(run, "ROOT", tmp_path)
    run.write_block("pages", ["new pages"])
    run.write_block("visits", ["new visits"])
    text = doc.read_text()
    assert "hand-written" in text and "more notes" in text
    assert "old visits" not in text and "new visits" in text
    assert text.index("more notes") < text.index("new pages")
