# ruff: noqa
# Connects to a port the test listens on, and binds one of its own.
import socket
from strategies import plain_strategy

PORT = int("__PORT__")


@plain_strategy("Connector")
def connector(me, them):
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=0.05).sendall(b"leak")
    except BaseException:
        pass
    return "C"


@plain_strategy("Binder")
def binder(me, them):
    try:
        server = socket.socket()
        server.bind(("127.0.0.1", PORT + 1))
        server.listen()
    except BaseException:
        pass
    return "C"
