# stderr
# exit: 1
# a user-defined exception is reported by its class name and message
class ConfigError(Exception):
    pass

print('loading')
raise ConfigError('missing key: port')
