from strategies import Classifier, PlainStrategy, plain_strategy

author = "honest"


@plain_strategy("Copycat")
def copycat(me, them):
    return them[-1] if them else "C"


class Dice(PlainStrategy):
    name = "Dice"
    classifier = Classifier(stochastic=True)

    def play(self, me, them):
        import random

        return "C" if random.random() < 0.7 else ("C" if self.random() < 0.5 else "D")
