#!/usr/bin/env python3
"""Makes h264_bframes.mp4: 60 barcoded frames (see dev.glimpse.testing.Barcode), 128 x 96, 25 fps,
H.264 with 3 B-frames and a keyframe every 12 frames, encoded by Debian's ffmpeg (libx264).
JavaCV's LGPL FFmpeg has no B-frame H.264 encoder, so this one fixture is made outside the tests:
    python3 make_h264_fixture.py   (needs numpy and the ffmpeg command)"""
import subprocess
import numpy as np

W, H, N, BITS, BLOCK = 128, 96, 60, 12, 8


def frame(n):
    x = np.arange(W)[None, :].repeat(H, 0)
    y = np.arange(H)[:, None].repeat(W, 1)
    img = np.zeros((H, W, 3), np.uint8)
    img[..., 0] = (x * 2 + n * 3) & 0xff
    img[..., 1] = (y * 2 + n * 5) & 0xff
    img[..., 2] = 96
    for bit in range(BITS):
        on = (n >> (BITS - 1 - bit)) & 1
        img[BLOCK:2 * BLOCK, BLOCK + bit * BLOCK:2 * BLOCK + bit * BLOCK] = 255 if on else 0
    return img


cmd = ["ffmpeg", "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}",
       "-r", "25", "-i", "-", "-c:v", "libx264", "-bf", "3", "-g", "12", "-crf", "12",
       "-pix_fmt", "yuv420p", "-movflags", "+faststart", "h264_bframes.mp4"]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE)
for n in range(N):
    p.stdin.write(frame(n).tobytes())
p.stdin.close()
p.wait()
