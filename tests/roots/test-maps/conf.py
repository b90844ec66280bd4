extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
numfig = True
nitpicky = True
