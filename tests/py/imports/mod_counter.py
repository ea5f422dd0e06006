# helper module: its body prints each time it runs
print("mod_counter body executed")
value = "counter value"
