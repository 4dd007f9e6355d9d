import logging

import cv2
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from torchvision.models import efficientnet_b0
from torchvision.transforms import v2

log = logging.getLogger("derm-pretrain")

SIZE = 256
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


class LesionDataset(Dataset):
    def __init__(self, csv_path, transform):
        self.df = pd.read_csv(csv_path)
        self.transform = transform

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        img = cv2.imread(row["path"], cv2.IMREAD_COLOR)
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
        img = cv2.resize(img, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
        return self.transform(img), int(row["label"])


train_tf = v2.Compose([
    v2.ToImage(),
    v2.RandomHorizontalFlip(),
    v2.RandomVerticalFlip(),
    v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(MEAN, STD),
])
eval_tf = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(MEAN, STD)])


def run():
    logging.basicConfig(level=logging.INFO)
    train_dl = DataLoader(LesionDataset("data/isic2019/train.csv", train_tf), batch_size=48, shuffle=True, num_workers=8)
    val_dl = DataLoader(LesionDataset("data/isic2019/val.csv", eval_tf), batch_size=96, num_workers=8)

    net = efficientnet_b0(num_classes=8).cuda()
    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
    crit = nn.CrossEntropyLoss()
    for epoch in range(40):
        net.train()
        for x, y in train_dl:
            opt.zero_grad()
            crit(net(x.cuda()), y.cuda()).backward()
            opt.step()
        net.eval()
        hit = n = 0
        with torch.no_grad():
            for x, y in val_dl:
                hit += (net(x.cuda()).argmax(1).cpu() == y).sum().item()
                n += len(y)
        log.info("epoch %d balanced-ish acc %.4f", epoch, hit / n)
    torch.save(net.state_dict(), "weights/effb0_isic.pt")


if __name__ == "__main__":
    run()
