import logging

import cv2
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score
from torch.utils.data import DataLoader, Dataset
from torchvision.models import efficientnet_b0
from torchvision.transforms import v2

log = logging.getLogger("derm-clinic")

SIZE = 256
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]


class ClinicDataset(Dataset):
    """Photos from the partner clinic; two camera models with different colour casts."""

    def __init__(self, csv_path, transform):
        self.df = pd.read_csv(csv_path)
        self.transform = transform

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        img = cv2.imread(row["path"], cv2.IMREAD_GRAYSCALE)
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
        img = cv2.resize(img, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
        return self.transform(img), int(row["malignant"])


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
    train_dl = DataLoader(ClinicDataset("data/clinic/train.csv", train_tf), batch_size=32, shuffle=True, num_workers=4)
    test_dl = DataLoader(ClinicDataset("data/clinic/test.csv", eval_tf), batch_size=64, num_workers=4)

    net = efficientnet_b0(num_classes=8)
    net.load_state_dict(torch.load("weights/effb0_isic.pt", map_location="cpu"))
    net.classifier[1] = nn.Linear(net.classifier[1].in_features, 2)
    net.cuda()
    opt = torch.optim.Adam(net.parameters(), lr=5e-5)
    crit = nn.CrossEntropyLoss()
    for epoch in range(12):
        net.train()
        for x, y in train_dl:
            opt.zero_grad()
            crit(net(x.cuda()), y.cuda()).backward()
            opt.step()
        net.eval()
        scores, gold = [], []
        with torch.no_grad():
            for x, y in test_dl:
                scores += net(x.cuda()).softmax(1)[:, 1].cpu().tolist()
                gold += y.tolist()
        log.info("epoch %d test AUC %.4f", epoch, roc_auc_score(gold, scores))
    torch.save(net.state_dict(), "weights/effb0_clinic.pt")


if __name__ == "__main__":
    run()
