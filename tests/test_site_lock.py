"""One build at a time (helpers.site.lock): a second holder is refused at once with one clear sentence, or
waits when asked to; the lock is free again after the block. (The CLI's use: test_site_commands.py.)"""

import threading
import time

import pytest

from helpers.site.errors import BuildLocked
from helpers.site.lock import LOCK_NAME, build_lock


def test_a_second_build_is_refused_and_the_lock_is_released_after(tmp_path):
    refused = pytest.raises(BuildLocked, match=f"another build of this project is running .*{LOCK_NAME}")
    with build_lock(tmp_path), refused, build_lock(tmp_path):  # the second lock, taken while the first is held
        pass
    with build_lock(tmp_path):  # free again
        pass


def test_wait_queues_behind_the_running_build(tmp_path):
    held = threading.Event()

    def first():
        with build_lock(tmp_path):
            held.set()
            time.sleep(0.5)

    t = threading.Thread(target=first)
    t.start()
    held.wait(5)
    with pytest.raises(BuildLocked, match=r"waited 0.1 s"), build_lock(tmp_path, wait=0.1):
        pass
    with build_lock(tmp_path, wait=10):
        assert not t.is_alive()
    t.join()
