import os

extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
show_warning_types = True

# tests/test_sphinx_interrupted.py stops the build at one point:
# LEARNSCAPE_TEST_STOP = "<phase>:<how>", phase one of reading, maps, writing,
# finishing; how "kill" (os._exit, as kill -9) or "interrupt" (Ctrl-C).
_PHASE, _, _HOW = os.environ.get("LEARNSCAPE_TEST_STOP", "").partition(":")


def setup(app):
    seen = []

    def stop(*args):
        seen.append(1)
        if len(seen) == 2:  # the second page (or map): the phase is well under way
            if _HOW == "kill":
                os._exit(9)
            raise KeyboardInterrupt

    if _PHASE == "reading":
        app.connect("doctree-read", stop)
    elif _PHASE == "writing":
        app.connect("html-page-context", stop)
    elif _PHASE == "finishing":
        # before the extension's own build-finished handler (priority 500)
        app.connect("build-finished", lambda app, exc: stop() or stop(), priority=100)
    elif _PHASE == "maps":
        from sphinx_learnscape.render import engines

        real = engines.render

        def render(*args, **kwargs):
            result = real(*args, **kwargs)
            stop()
            return result

        engines.render = render
