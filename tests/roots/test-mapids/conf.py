extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
show_warning_types = True
