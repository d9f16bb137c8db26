from strategies import plain_strategy

author = "Victim Smith"


@plain_strategy("Grudger")
def grudger(me, them):
    return "D" if "D" in them else "C"
