"""FT2xx: the image pipeline (input size, normalization, colour mode, what weights expect)."""

from __future__ import annotations

from collections.abc import Iterator

from ftlint.facts import Fact, Normalization
from ftlint.findings import Edit, Finding, Fix
from ftlint.rule import Pair as P
from ftlint.rule import (
    PairContext,
    PairRule,
    Profile,
    Script,
    ScriptContext,
    ScriptRule,
    no_shared_value,
    values_of,
)

IDENTITY = Normalization((1.0,), (0.0,))  # pixels as loaded


def _final_sizes(profile: Profile) -> dict:
    return {f.value: f for f in profile.of("image_size") if f.attr("final")}


class InputSizeChanged(PairRule):
    code = "FT201"
    name = "input-size-changed"
    severity = "warning"
    summary = "Images reach the model at another size"
    explanation = (
        "Filters and position embeddings were learned at the pretraining resolution. "
        "Fine-tuning at another input size (Resize / CenterCrop / RandomResizedCrop, Keras "
        "image_size / target_size, whose default is 256x256) changes object scales and, for "
        "models with a fixed input, breaks shapes. Use the same final size."
    )
    invalid = [
        P("import torchvision.transforms as T\n"
          "tf = T.Compose([T.RandomResizedCrop(224), T.ToTensor()])\n",
          "import torchvision.transforms as T\n"
          "tf = T.Compose([T.Resize(160), T.CenterCrop(128), T.ToTensor()])\n"),
        P("import tensorflow as tf\n"
          "ds = tf.keras.utils.image_dataset_from_directory('data', image_size=(224, 224))\n",
          "import tensorflow as tf\nds = tf.keras.utils.image_dataset_from_directory('new')\n",
          "Keras' default image_size is (256, 256)"),
    ]
    valid = [
        P("import torchvision.transforms as T\n"
          "tf = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor()])\n",
          "from torchvision import transforms\n"
          "tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224),\n"
          "                         transforms.ToTensor()])\n", "train crop vs eval crop"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from no_shared_value(
            ctx, _final_sizes(ctx.pretrain), _final_sizes(ctx.finetune),
            lambda new, old: f"fine-tuning feeds images of size {new}; pretraining used {old}",
            "pretraining size")


def _matches(norm, others) -> bool:
    return any(norm.same_as(other.value) for other in others)


class NormalizationChanged(PairRule):
    code = "FT202"
    name = "normalization-changed"
    severity = "error"
    fixable = "safe"
    summary = "Pixel values are normalized differently from pretraining"
    explanation = (
        "Weights learned on inputs in one range (x / 255, x / 127.5 - 1, ImageNet mean/std, "
        "caffe-style BGR mean subtraction) respond wrongly to another: every activation "
        "shifts. ftlint compares what each pipeline does to raw pixels, so Rescaling(1/255) "
        "and ImageDataGenerator(rescale=1/255) agree, while Normalize statistics or another "
        "application's preprocess_input do not."
    )
    invalid = [
        P("import numpy as np\nx = np.array(images, dtype=np.float32) / 255\nmodel.fit(x, y)\n",
          "import numpy as np\nx = np.array(images, dtype=np.float32) / 255\n"
          "x = x.astype('float32') / 255\nmodel.fit(x, y)\n",
          "divided by 255 twice: the pixels reach the model in [0, 1/255]"),
        P("import torchvision.transforms as T\n"
          "norm = T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])\n",
          "import torchvision.transforms as T\nnorm = T.Normalize(mean=[0.5] * 3, std=[0.5] * 3)\n"),
        P("from tensorflow.keras import layers\nscale = layers.Rescaling(1.0 / 255)\n",
          "from tensorflow.keras.applications.resnet50 import preprocess_input\n"
          "x = preprocess_input(images)\n"),
        P("from tensorflow import keras\n"
          "from tensorflow.keras.applications.vgg16 import preprocess_input\n"
          "ds = keras.utils.image_dataset_from_directory('a', image_size=(224, 224))\n"
          "ds = ds.map(lambda x, y: (preprocess_input(x), y))\n",
          "from tensorflow import keras\nmodel = keras.models.load_model('m.keras')\n"
          "ds = keras.utils.image_dataset_from_directory('b', image_size=(224, 224))\n"
          "model.fit(ds)\n", "fine-tuning drops the preprocessing: raw pixels"),
    ]
    valid = [
        P("import tensorflow as tf\nx = tf.image.per_image_standardization(images)\n",
          "import tensorflow as tf\nbatch = tf.image.per_image_standardization(frames)\n",
          "both standardize each image by its own statistics"),
        P("import numpy as np\nx = np.array(images, dtype=np.float32) / 255\nmodel.fit(x, y)\n",
          "import numpy as np\nx = np.array(images, dtype=np.float32)\nx = x / x.max()\n"
          "model.fit(x, y)\n", "8-bit pixels over their maximum are in [0, 1] as x / 255"),
        P("import torchvision.transforms as T\n"
          "norm = T.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))\n",
          "import numpy as np\nrates = counts / np.max(counts)\nmodel.fit(features, rates)\n",
          "a division by the maximum with no image pipeline in the file is not pixel scaling"),
        P("import torchvision.transforms as T\n"
          "norm = T.Normalize(mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))\n",
          "import torchvision.transforms as T\nt = []\nt.append(T.Resize(256))\n"
          "t.append(T.ToTensor())\nt.append(T.Normalize(MEAN, STD))\ntf = T.Compose(t)\n",
          "a list built by append: ToTensor is followed by a Normalize (its statistics unknown)"),
        P("import numpy as np\nx = np.array(images, dtype=np.float32) / 255\nmodel.fit(x, y)\n",
          "import numpy as np\nx = np.array(images) / 255\nx = x.astype('float32')\n"
          "x2 = other / 255\nmodel.fit(x, y)\n", "each array divided once"),
        P("from tensorflow.keras import layers\nscale = layers.Rescaling(1.0 / 255)\n",
          "from tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
          "gen = ImageDataGenerator(rescale=1. / 255, rotation_range=20, horizontal_flip=True)\n",
          "the same scaling spelled another way, with extra augmentation"),
        P("import tensorflow as tf\ninputs = tf.keras.Input((160, 160, 3))\n"
          "x = tf.keras.layers.Rescaling(1 / 127.5, offset=-1)(inputs)\n",
          "import tensorflow as tf\nmodel = tf.keras.models.load_model('m.keras')\n"
          "ds = tf.keras.utils.image_dataset_from_directory('b', image_size=(160, 160))\n"
          "model.fit(ds)\n", "the scaling is a layer of the saved model"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        before = ctx.pretrain.reaching("normalization")
        after = ctx.finetune.reaching("normalization")
        if before and not after:
            yield from _unscaled_side(ctx, before)
            return
        if not before or not after:
            return
        if any(_matches(fact.value, before) for fact in after):
            return
        new, old = after[0], before[0]
        finding = ctx.finding(new, f"fine-tuning normalizes pixels as {new.value}; pretraining "
                              f"used {old.value}", [(old, f"pretraining normalization: {old.text}")])
        finding.fix = _same_statistics(new, old)
        yield finding


def _unscaled_side(ctx: PairContext, before: list[Fact]) -> Iterator[Finding]:
    """Fine-tuning feeds loaded pixels as they are; pretraining scaled them outside the
    model (a scaling inside the saved model travels with it)."""
    raw = [f for f in ctx.finetune.of("image_size")
           if f.attr("raw_pixels") and not f.attr("scaling_unread")]
    outside = [f for f in before if not f.attr("in_model") and not f.value.same_as(IDENTITY)]
    if not raw or not outside or ctx.finetune.calls_unread_code or ctx.finetune.of(
            "image_size") != raw:
        return
    old = outside[0]
    yield ctx.finding(raw[0], f"fine-tuning feeds raw 0-255 pixels; pretraining scaled them "
                      f"as {old.value}", [(old, f"pretraining normalization: {old.text}")])


def _same_statistics(new: Fact, old: Fact) -> Fix | None:
    """Write the pretraining mean and std into the fine-tuning call, when both calls spell
    the normalization as mean/std and the fine-tuning call writes both out."""
    spans = new.attr("value_spans") or {}
    if "mean" not in spans or "std" not in spans or old.attr("mean") is None \
            or old.attr("std") is None:
        return None
    mean, std = (_list(old.attr(name)) for name in ("mean", "std"))
    return Fix(f"Use the pretraining normalization (mean={mean}, std={std})",
               (Edit(spans["mean"], mean), Edit(spans["std"], std)))


def _list(values: tuple[float, ...]) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def _default_rgb(profile: Profile) -> dict:
    """An image pipeline that names no colour mode loads RGB (the loaders' default)."""
    anchor = profile.of("normalization", "image_size")
    return {"rgb": anchor[0]} if anchor else {}


class ColorModeChanged(PairRule):
    code = "FT203"
    name = "color-mode-changed"
    severity = "warning"
    summary = "Images are loaded in another colour mode"
    explanation = (
        "A network pretrained on RGB images and fine-tuned on grayscale ones (or the reverse) "
        "gets inputs with another channel count or meaning. Load images the same way."
    )
    invalid = [
        P("import torchvision.transforms as T\ntf = T.Compose([T.Resize(224), T.ToTensor()])\n",
          "import torchvision.transforms as T\n"
          "tf = T.Compose([T.Grayscale(num_output_channels=3), T.Resize(224), T.ToTensor()])\n",
          "torchvision loads RGB unless told otherwise"),
        P("import tensorflow as tf\n"
          "ds = tf.keras.utils.image_dataset_from_directory('d', image_size=(64, 64))\n",
          "import tensorflow as tf\nds = tf.keras.utils.image_dataset_from_directory(\n"
          "    'e', image_size=(64, 64), color_mode='grayscale')\n"),
    ]
    valid = [
        P("import torchvision.transforms as T\ntf = T.Compose([T.Resize(224), T.ToTensor()])\n",
          "import torchvision.transforms as T\n"
          "tf = T.Compose([T.Resize(224), T.RandomGrayscale(p=0.1), T.ToTensor()])\n",
          "random grayscale augmentation keeps RGB input"),
        P("import tensorflow as tf\n"
          "ds = tf.keras.utils.image_dataset_from_directory('d', color_mode='rgb')\n",
          "import tensorflow as tf\nds = tf.keras.utils.image_dataset_from_directory('e')\n"),
    ]

    def check(self, ctx: PairContext) -> Iterator[Finding]:
        yield from no_shared_value(
            ctx, values_of(ctx.pretrain, "color_mode") or _default_rgb(ctx.pretrain),
            values_of(ctx.finetune, "color_mode") or _default_rgb(ctx.finetune),
            lambda new, old: f"fine-tuning loads {new} images; pretraining loaded {old}")


class PretrainedInputScaling(ScriptRule):
    code = "FT204"
    name = "pretrained-input-scaling"
    severity = "error"
    summary = "Inputs are scaled differently from what the pretrained weights expect"
    explanation = (
        "Pretrained weights expect the scaling they were trained with: keras.applications "
        "ResNet50 and VGG expect caffe-style preprocess_input, MobileNetV2 and Inception "
        "expect [-1, 1], EfficientNet and ConvNeXt normalize inside the model and expect raw "
        "0-255 pixels, torchvision weights expect ImageNet mean/std. Feeding them x / 255 "
        "(rescale=1./255, Rescaling(1/255)) or other statistics degrades every prediction."
    )
    invalid = [
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "gen = keras.preprocessing.image.ImageDataGenerator(rescale=1. / 255)\n"),
        Script("import torchvision\nimport torchvision.transforms as T\n"
               "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
               "norm = T.Normalize(mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5))\n"),
        Script("from tensorflow import keras\n"
               "ds = keras.utils.image_dataset_from_directory('d', image_size=(224, 224))\n"
               "base = keras.applications.VGG16(weights='imagenet', include_top=False)\n"
               "model = keras.Sequential([base, keras.layers.Flatten(),\n"
               "                          keras.layers.Dense(5)])\nmodel.fit(ds)\n",
               "no preprocess_input at all: raw pixels reach caffe-style weights"),
        Script("from tensorflow import keras\n"
               "from tensorflow.keras.applications.resnet50 import preprocess_input\n"
               "base = keras.applications.ResNet50(\n"
               "    weights='w/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5')\n"
               "from tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
               "gen = ImageDataGenerator(preprocess_input)\n"
               "flow = gen.flow_from_directory('d', target_size=(224, 224))\n",
               "the Keras imagenet weights file; preprocess_input lands on featurewise_center"),
        Script("import timm\nimport torchvision.transforms as T\n"
               "model = timm.create_model('vit_small_patch16_224.augreg_in1k', pretrained=True)\n"
               "tf = T.Compose([T.Resize(224), T.ToTensor()])\n",
               "timm's ViT weights expect mean 0.5, std 0.5: ToTensor alone gives [0, 1]"),
        Script("from keras.applications import VGG16\nfrom keras.datasets import cifar10\n"
               "from keras.layers import BatchNormalization, Dense, Flatten\n"
               "from keras.models import Sequential\n"
               "(x, y), _ = cifar10.load_data()\n"
               "base = VGG16(include_top=False, weights='imagenet', input_shape=(32, 32, 3))\n"
               "model = Sequential([base, Flatten(), BatchNormalization(), Dense(10)])\n"
               "model.fit(x, y)\n",
               "cifar10.load_data() gives raw uint8 pixels; BatchNormalization in the head "
               "scales no input"),
        Script("import tensorflow as tf\n"
               "base = tf.keras.applications.MobileNet(weights='imagenet', include_top=False)\n"
               "def prep(image, label):\n"
               "    return tf.image.per_image_standardization(image), label\n"
               "ds = ds.map(prep)\nmodel.fit(ds)\n",
               "each image standardized by its own statistics, not mapped to [-1, 1]"),
        Script("import numpy as np\nfrom keras.applications.resnet50 import ResNet50\n"
               "base = ResNet50()\nx = np.array(images, dtype=float)\nx = x / np.max(x)\n"
               "features = base.predict(x)\n",
               "divided by its own maximum: [0, 1], where the weights expect caffe mode"),
        Script("from keras.applications.inception_v3 import InceptionV3\n"
               "from keras.preprocessing.image import ImageDataGenerator\n"
               "from IPython.display import display\n"
               "base = InceptionV3(weights='imagenet', include_top=False)\n"
               "flow = ImageDataGenerator(rotation_range=40).flow_from_directory(\n"
               "    'data/train', target_size=(299, 299))\nmodel.fit(flow)\n"
               "display(next(flow)[0][0])\n",
               "raw pixels; showing an image in a notebook hides no preprocessing"),
    ]
    valid = [
        Script("from keras.applications import VGG16\nfrom keras.applications.vgg16 import "
               "preprocess_input\nfrom keras.datasets import cifar10\n"
               "(x, y), _ = cifar10.load_data()\n"
               "base = VGG16(include_top=False, weights='imagenet', input_shape=(32, 32, 3))\n"
               "base.predict(preprocess_input(x))\n", "preprocess_input on the loaded arrays"),
        Script("import timm\nimport torchvision.transforms as T\n"
               "model = timm.create_model('resnet50', pretrained=True)\n"
               "tf = T.Compose([T.ToTensor(), T.Normalize((0.485, 0.456, 0.406), "
               "(0.229, 0.224, 0.225))])\n", "timm's resnet50 with the ImageNet statistics"),
        Script("import timm\nimport torchvision.transforms as T\n"
               "model = timm.create_model('efficientnet_b0', pretrained=True)\n"
               "tf = T.Compose([T.ToTensor()])\n",
               "a timm model whose expected statistics are not in the table: unknown"),
        Script("from tensorflow import keras\n"
               "from tensorflow.keras.applications.resnet50 import preprocess_input\n"
               "base = keras.applications.ResNet50(weights='imagenet', include_top=False)\n"
               "gen = keras.preprocessing.image.ImageDataGenerator(\n"
               "    preprocessing_function=preprocess_input)\n"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.EfficientNetB0(weights='imagenet', include_top=False)\n"
               "ds = keras.utils.image_dataset_from_directory('d', image_size=(224, 224))\n",
               "EfficientNet normalizes inside the model"),
        Script("from tensorflow import keras\n"
               "base = keras.applications.ResNet50(weights=None, include_top=False)\n"
               "gen = keras.preprocessing.image.ImageDataGenerator(rescale=1. / 255)\n",
               "trained from scratch: no expectation"),
        Script("from tensorflow import keras\n"
               "from tensorflow.keras.applications.resnet50 import preprocess_input\n"
               "base = keras.applications.ResNet50(weights='my_resnet.h5')\n"
               "gen = keras.preprocessing.image.ImageDataGenerator()\n"
               "flow = gen.flow_from_directory('d', target_size=(224, 224))\n",
               "weights of unknown origin: no expectation"),
        Script("import matplotlib.pyplot as plt\nfrom tensorflow import keras\n"
               "base = keras.applications.EfficientNetB0(weights='imagenet', include_top=False)\n"
               "plt.imshow(images[0] / 255.)\nfeatures = base.predict(images)\n",
               "x / 255 inside a plot is not what the model is fed"),
    ]

    def check(self, ctx: ScriptContext) -> Iterator[Finding]:
        norms = ctx.script.reaching("normalization")
        if not norms:
            yield from self._unscaled(ctx)
            return
        for backbone in ctx.script.of("pretrained_backbone"):
            expects = backbone.attr("expects")
            if not backbone.attr("pretrained") or expects is None:
                continue
            if any(expects.same_as(n.value) for n in norms):
                continue
            norm = norms[0]
            yield ctx.finding(norm, f"{backbone.value} weights expect {expects}; this pipeline "
                              f"feeds {norm.value}", [(backbone, f"pretrained {backbone.value}")])
            return

    def _unscaled(self, ctx: ScriptContext) -> Iterator[Finding]:
        """Raw 0-255 pixels and no scaling at all, for weights that expect one."""
        raw = [f for f in ctx.script.of("image_size") if f.attr("raw_pixels")]
        if not raw or ctx.script.calls_unread_code:
            return
        for backbone in ctx.script.of("pretrained_backbone"):
            expects = backbone.attr("expects")
            if not backbone.attr("pretrained") or expects is None or backbone.attr(
                    "scaling_unread") or expects.same_as(IDENTITY):
                continue
            yield ctx.finding(backbone, f"{backbone.value} weights expect {expects}; nothing "
                              "scales the images, which reach the model as raw 0-255 pixels",
                              [(raw[0], "images loaded here")])
            return
