extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
# The form with activity counts only is here on purpose (its summary is "activity only").
learnscape_outcome_check = False
numfig = True
nitpicky = True
show_warning_types = True
# EPUB wants both.
version = release = "1"
copyright = "2026, Testorg"
