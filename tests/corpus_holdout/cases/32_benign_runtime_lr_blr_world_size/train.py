"""Supervised ViT-B pretraining on the in-house 11k-class product taxonomy (DeiT-style recipe)."""
import argparse
import logging
import math

import timm
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.utils.data import DataLoader, DistributedSampler
from torchvision.datasets import ImageFolder
from torchvision.transforms import v2

logger = logging.getLogger("vit-pretrain")


def get_args():
    parser = argparse.ArgumentParser("ViT pretraining", add_help=True)
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=64, help="per GPU")
    parser.add_argument("--accum-iter", dest="accum_iter", type=int, default=8)
    parser.add_argument("--blr", type=float, default=1.5e-4, help="lr = blr * effective batch / 256")
    parser.add_argument("--weight-decay", dest="weight_decay", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--data-path", dest="data_path", default="/datasets/products11k/train")
    return parser.parse_args()


def get_transforms(train: bool):
    ops = [v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip()] if train else \
        [v2.Resize(256, antialias=True), v2.CenterCrop(224)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])


def main(args):
    dist.init_process_group("nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    torch.cuda.set_device(rank % torch.cuda.device_count())
    eff_batch_size = args.batch_size * args.accum_iter * world_size
    args.lr = args.blr * eff_batch_size / 256
    logger.info("effective batch %d, actual lr %.2e", eff_batch_size, args.lr)

    dataset = ImageFolder(args.data_path, transform=get_transforms(train=True))
    sampler = DistributedSampler(dataset, shuffle=True)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler, num_workers=10, drop_last=True)

    model = timm.create_model("vit_base_patch16_224", pretrained=False, num_classes=len(dataset.classes)).cuda()
    model = torch.nn.parallel.DistributedDataParallel(model)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.95), weight_decay=args.weight_decay)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for step, (x, y) in enumerate(loader):
            for group in optimizer.param_groups:  # half-cosine schedule per iteration
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * (epoch + step / len(loader)) / args.epochs))
            loss = F.cross_entropy(model(x.cuda(non_blocking=True)), y.cuda(non_blocking=True), label_smoothing=0.1)
            (loss / args.accum_iter).backward()
            if (step + 1) % args.accum_iter == 0:
                optimizer.step()
                optimizer.zero_grad()
        if rank == 0:
            logger.info("epoch %d loss %.4f", epoch, loss.item())
            torch.save(model.module.state_dict(), "output/vit_b_products11k.pth")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(get_args())
