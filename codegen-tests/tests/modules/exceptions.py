def parse(text):
    try:
        value = int(text)
    except ValueError as e:
        print("bad:", e)
        return None
    except (TypeError, KeyError):
        raise
    else:
        print("ok")
    finally:
        print("done")
    return value

print(parse("12"), parse("x"))
try:
    raise KeyError("k") from None
except Exception as e:
    print(type(e).__name__)
