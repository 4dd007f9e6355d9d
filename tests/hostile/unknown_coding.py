# -*- coding: no-such-codec -*-
lr = 0.1
