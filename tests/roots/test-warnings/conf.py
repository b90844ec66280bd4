extensions = ["sphinx_learnscape"]
learnscape_files = ["data/*.yaml", "missing.yaml", "nothing/*.yaml"]
learnscape_engine = "magic"
learnscape_max_file_bytes = 2000
nitpicky = True
# Sphinx 7.x shows "[type.subtype]" only when asked (8.0 made it the default).
show_warning_types = True
