"""Fine-tune the product ViT-B on the 312-class shelf-facing task."""
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

logger = logging.getLogger("vit-finetune")


def get_args():
    parser = argparse.ArgumentParser("ViT fine-tuning", add_help=True)
    parser.add_argument("--batch-size", dest="batch_size", type=int, default=32, help="per GPU")
    parser.add_argument("--accum-iter", dest="accum_iter", type=int, default=4)
    parser.add_argument("--blr", type=float, default=5e-4, help="lr = blr * effective batch / 256")
    parser.add_argument("--weight-decay", dest="weight_decay", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--finetune", default="output/vit_b_products11k.pth")
    parser.add_argument("--data-path", dest="data_path", default="/datasets/shelf312")
    return parser.parse_args()


def get_transforms(train: bool):
    ops = [v2.RandomResizedCrop(224, antialias=True), v2.RandomHorizontalFlip()] if train else \
        [v2.Resize(256, antialias=True), v2.CenterCrop(224)]
    return v2.Compose(ops + [v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
                             v2.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    correct = torch.zeros(1, device="cuda")
    total = torch.zeros(1, device="cuda")
    for x, y in loader:
        correct += (model(x.cuda()).argmax(1) == y.cuda()).sum()
        total += y.numel()
    dist.all_reduce(correct)
    dist.all_reduce(total)
    return (correct / total).item()


def main(args):
    dist.init_process_group("nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    torch.cuda.set_device(rank % torch.cuda.device_count())
    eff_batch_size = args.batch_size * args.accum_iter * world_size
    args.lr = args.blr * eff_batch_size / 256
    logger.info("effective batch %d, actual lr %.2e", eff_batch_size, args.lr)

    train_set = ImageFolder(f"{args.data_path}/train", transform=get_transforms(train=True))
    val_set = ImageFolder(f"{args.data_path}/val", transform=get_transforms(train=False))
    sampler = DistributedSampler(train_set, shuffle=True)
    train_dl = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler, num_workers=10, drop_last=True)
    val_dl = DataLoader(val_set, batch_size=128, sampler=DistributedSampler(val_set, shuffle=False), num_workers=10)

    model = timm.create_model("vit_base_patch16_224", pretrained=False, num_classes=len(train_set.classes))
    state = torch.load(args.finetune, map_location="cpu")
    for key in ("head.weight", "head.bias"):
        state.pop(key)
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert set(missing) == {"head.weight", "head.bias"} and not unexpected, (missing, unexpected)
    model = torch.nn.parallel.DistributedDataParallel(model.cuda())
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.999), weight_decay=args.weight_decay)

    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        model.train()
        for step, (x, y) in enumerate(train_dl):
            for group in optimizer.param_groups:
                group["lr"] = args.lr * 0.5 * (1 + math.cos(math.pi * (epoch + step / len(train_dl)) / args.epochs))
            loss = F.cross_entropy(model(x.cuda(non_blocking=True)), y.cuda(non_blocking=True), label_smoothing=0.1)
            (loss / args.accum_iter).backward()
            if (step + 1) % args.accum_iter == 0:
                optimizer.step()
                optimizer.zero_grad()
        acc = evaluate(model, val_dl)
        if rank == 0:
            logger.info("epoch %d val top-1 %.4f", epoch, acc)
            torch.save(model.module.state_dict(), "output/vit_b_shelf312.pth")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(get_args())
