print("licitd")
