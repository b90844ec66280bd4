extensions = ["sphinx_learnscape"]
learnscape_files = ["landscape.yaml"]
