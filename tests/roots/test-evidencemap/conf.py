extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
# Sphinx 7.x shows "[type.subtype]" only when asked (8.0 made it the default).
show_warning_types = True
