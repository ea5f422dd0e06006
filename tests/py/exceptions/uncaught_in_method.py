# stderr
# exit: 1
# frames of methods and lambdas are named after the function
class Parser:
    def parse(self, text):
        return self.check(text)

    def check(self, text):
        raise TypeError('cannot parse ' + text)

apply = lambda f, x: f(x)
p = Parser()
print(p.parse.__name__)
apply(p.parse, 'abc')
