extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
project = "Builders"
man_pages = [("index", "builders", "Builders", [], 1)]
texinfo_documents = [("index", "builders", "Builders", "Someone", "builders", "Test.", "Misc")]
latex_documents = [("index", "builders.tex", "Builders", "Someone", "manual")]
copyright = "2026, Someone"
version = "1.0"
numfig = True
# Sphinx 7.x shows "[type.subtype]" only when asked (8.0 made it the default).
show_warning_types = True
