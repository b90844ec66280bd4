extensions = ["myst_parser", "sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
nitpicky = True
