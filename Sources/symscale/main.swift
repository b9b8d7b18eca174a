print("symscale")
