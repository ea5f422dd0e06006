# helper module: functions use this module's globals, not the caller's
setting = 'module setting'

def get_setting():
    return setting

def set_setting(v):
    global setting
    setting = v
