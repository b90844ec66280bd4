extensions = ["sphinx_learnscape"]
learnscape_files = ["data/*.yaml", "missing.yaml", "nothing/*.yaml"]
learnscape_engine = "magic"
learnscape_max_file_bytes = 2000
nitpicky = True
