"""The program model (ftlint/model): each test names the part of the model it exercises."""

from __future__ import annotations

import textwrap

from tests.test_real_world import lint

RESNET_NET = textwrap.dedent("""\
    import torch, torchvision
    from torch import nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.f = torchvision.models.resnet50(weights="IMAGENET1K_V2")
            self.head = nn.Linear(2048, 10)

        def forward(self, x):
            return self.head(self.f(x))

    net = Net()
    for p in net.f.parameters():
        p.requires_grad = False
    opt = torch.optim.SGD(net.head.parameters(), lr=0.1)
""")


def found(run_cli, tmp_path, files: dict[str, str], *args: str) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in lint(run_cli, tmp_path, files, *args)]


# -- objects and submodule trees: BatchNorm of a frozen pretrained part in train mode --------
def test_backbone_held_by_a_user_class_trains_with_its_wrapper(run_cli, tmp_path):
    """objects: `self.f = resnet50()` is a part of every Net; `net.train()` reaches it."""
    script = RESNET_NET + "for x, y in loader:\n    net.train()\n    opt.step()\n"
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == [("FT604", 18)]


def test_a_model_never_put_in_eval_starts_in_train_mode(run_cli, tmp_path):
    """modes: modules start in train mode; a forward pass with no train() call at all."""
    script = RESNET_NET + "for x, y in loader:\n    loss = crit(net(x), y)\n    opt.step()\n"
    result = lint(run_cli, tmp_path, {"s.py": script}, "s.py")
    assert [(f["code"], f["line"]) for f in result] == [("FT604", 18)]
    assert "never put in eval()" in result[0]["message"]


def test_the_wrapper_put_back_in_eval_for_its_frozen_part_is_fine(run_cli, tmp_path):
    """modes: eval() of the part after train() of the wrapper, in the same loop body."""
    script = RESNET_NET + ("for x, y in loader:\n    net.train()\n    net.f.eval()\n"
                           "    loss = crit(net(x), y)\n")
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == []


def test_a_class_overriding_train_keeps_its_backbone_in_eval(run_cli, tmp_path):
    """modes: a user class's own train() runs instead of the default one."""
    script = RESNET_NET.replace(
        "    def forward(self, x):",
        "    def train(self, mode=True):\n        super().train(mode)\n"
        "        self.f.eval()\n        return self\n\n    def forward(self, x):")
    script += "for x, y in loader:\n    net.train()\n    loss = crit(net(x), y)\n"
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == []


def test_a_frozen_backbone_inside_sequential(run_cli, tmp_path):
    """containers: nn.Sequential(backbone, head) holds the pretrained backbone."""
    script = """\
        import torch, torchvision
        from torch import nn
        backbone = torchvision.models.resnet18(weights="DEFAULT")
        backbone.fc = nn.Identity()
        backbone.requires_grad_(False)
        model = nn.Sequential(backbone, nn.Linear(512, 3))
        opt = torch.optim.Adam(model[1].parameters(), lr=1e-3)
        for x, y in loader:
            model.train()
            opt.zero_grad()
            crit(model(x), y).backward()
            opt.step()
    """
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == [("FT604", 9)]


def test_features_from_a_frozen_encoder_in_a_helper_of_another_file(run_cli, tmp_path):
    """functions across files: the helper runs with the encoder passed to it, under no_grad,
    while the encoder was never put in eval()."""
    files = {
        "features.py": """\
            import torch

            def extract(encoder, loader):
                feats = []
                with torch.no_grad():
                    for x, _ in loader:
                        feats.append(encoder(x))
                return torch.cat(feats)
        """,
        "probe.py": """\
            import torchvision
            from features import extract
            encoder = torchvision.models.resnet50(weights="IMAGENET1K_V1")
            for p in encoder.parameters():
                p.requires_grad = False
            train_feats = extract(encoder, train_loader)
        """,
    }
    result = lint(run_cli, tmp_path, files, "probe.py")
    assert [(f["code"], f["path"].rsplit("/", 1)[-1], f["line"]) for f in result] == [
        ("FT604", "probe.py", 6)]
    assert any("features.py" in r["path"] for r in result[0]["related"])


def test_eval_before_the_helper_keeps_features_clean(run_cli, tmp_path):
    """modes across files: eval() before the helper call is the state the helper sees."""
    files = {
        "features.py": "import torch\n\ndef extract(encoder, loader):\n"
                       "    with torch.no_grad():\n        return [encoder(x) for x in loader]\n",
        "probe.py": "import torchvision\nfrom features import extract\n"
                    "encoder = torchvision.models.resnet50(weights='IMAGENET1K_V1')\n"
                    "encoder.requires_grad_(False)\nencoder.eval()\n"
                    "train_feats = extract(encoder, train_loader)\n",
    }
    assert found(run_cli, tmp_path, files, "probe.py") == []


def test_a_model_handed_to_unread_code_is_unknown(run_cli, tmp_path):
    """escape: a call into code ftlint cannot read may set any mode: no warning."""
    script = RESNET_NET.replace("import torch, torchvision",
                                "import torch, torchvision\nfrom trainkit import fit")
    script += "fit(net, loader)\nfor x in loader:\n    net(x)\n"
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == []


def test_batchnorm_free_and_fresh_backbones_are_fine(run_cli, tmp_path):
    """weights and BatchNorm knowledge: a ViT has none; a backbone trained from scratch is
    meant to learn its statistics."""
    vit = RESNET_NET.replace("resnet50(weights=\"IMAGENET1K_V2\")", "vit_b_16(weights='DEFAULT')")
    fresh = RESNET_NET.replace("weights=\"IMAGENET1K_V2\"", "weights=None")
    loop = "for x, y in loader:\n    net.train()\n    loss = crit(net(x), y)\n"
    assert found(run_cli, tmp_path, {"v.py": vit + loop}, "v.py") == []
    assert found(run_cli, tmp_path, {"f.py": fresh + loop}, "f.py") == []


# -- optimizers: which parameters each one updates ----------------------------------------
PROBE_PRETRAIN = ("import torch\nimport torchvision\n"
                  "model = torchvision.models.resnet50(weights='IMAGENET1K_V2')\n"
                  "opt = torch.optim.SGD(model.parameters(), lr=0.01)\n")


def test_a_linear_probe_on_a_separate_head_is_not_a_higher_rate(run_cli, tmp_path):
    """optimizer parameters: SGD(classifier.parameters()) updates only a fresh Linear."""
    files = {"train.py": PROBE_PRETRAIN, "probe.py": """\
        import torch
        import torchvision
        from torch import nn
        backbone = torchvision.models.resnet50(weights="IMAGENET1K_V2")
        backbone.eval()
        classifier = nn.Linear(2048, 10)
        opt = torch.optim.SGD(classifier.parameters(), lr=0.5)
        for x, y in loader:
            with torch.no_grad():
                feats = backbone(x)
            loss = crit(classifier(feats), y)
    """}
    assert found(run_cli, tmp_path, files, "train.py", "probe.py") == []


def test_a_higher_rate_on_the_pretrained_backbone_is_reported(run_cli, tmp_path):
    """optimizer parameters: the whole pretrained network moves at 10x the rate."""
    files = {"train.py": PROBE_PRETRAIN, "tune.py": """\
        import torch
        import torchvision
        from torch import nn
        model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
        model.fc = nn.Linear(2048, 10)
        opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.1)
    """}
    assert found(run_cli, tmp_path, files, "train.py", "tune.py") == [("FT401", 6)]


def test_trainable_filter_after_freezing_leaves_only_the_head(run_cli, tmp_path):
    """optimizer parameters and freezing: filter(requires_grad) over a frozen body."""
    files = {"train.py": PROBE_PRETRAIN, "tune.py": """\
        import torch
        import torchvision
        from torch import nn
        model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
        for p in model.parameters():
            p.requires_grad = False
        model.fc = nn.Linear(2048, 10)
        params = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.SGD(params, lr=0.1)
    """}
    assert found(run_cli, tmp_path, files, "train.py", "tune.py") == []


# -- parts of library networks ------------------------------------------------------------
def test_a_frozen_block_of_a_resnet_in_train_mode(run_cli, tmp_path):
    """parts: `model.layer1` of a torchvision ResNet holds BatchNorm (architecture table);
    `model.fc` does not, and freezing it alone is silent."""
    script = ("import torch, torchvision\n"
              "model = torchvision.models.resnet18(weights='DEFAULT')\n"
              "for p in model.{part}.parameters():\n    p.requires_grad = False\n"
              "opt = torch.optim.SGD(model.parameters(), lr=1e-3)\n"
              "for x, y in loader:\n    model.train()\n    opt.step()\n")
    assert found(run_cli, tmp_path, {"a.py": script.format(part="layer1")}, "a.py") == [
        ("FT604", 7)]
    assert found(run_cli, tmp_path, {"b.py": script.format(part="fc")}, "b.py") == []


# -- data flow into the model ---------------------------------------------------------------
def test_a_transform_list_without_normalize_feeds_unit_range(run_cli, tmp_path):
    """data path: ToTensor with no Normalize in its Compose feeds x / 255 to the model."""
    files = {"train.py": "import torchvision.transforms as T\n"
                         "tf = T.Compose([T.ToTensor(), T.Normalize([0.5] * 3, [0.5] * 3)])\n",
             "tune.py": "import torchvision.transforms as T\n"
                        "tf = T.Compose([T.Resize(224), T.ToTensor()])\n"}
    assert [c for c, _ in found(run_cli, tmp_path, files, "train.py", "tune.py")] == ["FT202"]


def test_a_stop_word_list_nothing_reads_is_no_step(run_cli, tmp_path):
    """data path: STOP = set(stopwords.words(...)) that no code applies removes nothing."""
    files = {"train.py": "import nltk\nfrom nltk.corpus import stopwords\n"
                         "STOP = set(stopwords.words('english'))\n"
                         "docs = [[w for w in nltk.word_tokenize(t) if w not in STOP] for t in x]\n",
             "tune.py": "import nltk\nfrom nltk.corpus import stopwords\n"
                        "STOP = set(stopwords.words('english'))\n"
                        "docs = [nltk.word_tokenize(t) for t in y]\n"}
    assert [c for c, _ in found(run_cli, tmp_path, files, "train.py", "tune.py")] == ["FT103"]


def test_refits_through_a_chained_call_and_a_loaded_pipeline_step(run_cli, tmp_path):
    """objects: `StandardScaler().fit(X)` is a scaler fitted here; `pipe.named_steps["tfidf"]`
    of an unpickled pipeline is its fitted vectorizer."""
    train = ("import joblib\nfrom sklearn.preprocessing import StandardScaler\n"
             "scaler = StandardScaler()\nX = scaler.fit_transform(X)\n"
             "joblib.dump(scaler, 'scaler.joblib')\n")
    tune = ("from sklearn.preprocessing import StandardScaler\n"
            "scaler = StandardScaler().fit(X_new)\nclf = joblib.load('clf.joblib')\n"
            "clf.partial_fit(scaler.transform(X_new), y)\n")
    assert [c for c, _ in found(run_cli, tmp_path, {"train.py": train, "tune.py": tune},
                                "train.py", "tune.py")] == ["FT302"]
    train = ("import joblib\nfrom sklearn.pipeline import Pipeline\n"
             "from sklearn.feature_extraction.text import TfidfVectorizer\n"
             "from sklearn.linear_model import SGDClassifier\n"
             "pipe = Pipeline([('tfidf', TfidfVectorizer()), ('clf', SGDClassifier())])\n"
             "pipe.fit(texts, y)\njoblib.dump(pipe, 'pipe.joblib')\n")
    tune = ("import joblib\npipe = joblib.load('pipe.joblib')\nvec = pipe.named_steps['tfidf']\n"
            "X = vec.fit_transform(new_texts)\npipe.named_steps['clf'].partial_fit(X, y)\n")
    assert [c for c, _ in found(run_cli, tmp_path, {"t2.py": train, "f2.py": tune},
                                "t2.py", "f2.py")] == ["FT107"]


def test_a_full_retrain_with_a_new_vectorizer_is_not_a_refit(run_cli, tmp_path):
    """artifacts: the estimator trained after the refit is built here from scratch."""
    train = ("import joblib\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
             "vec = TfidfVectorizer()\nX = vec.fit_transform(texts)\n")
    tune = ("from sklearn.feature_extraction.text import TfidfVectorizer\n"
            "from sklearn.svm import LinearSVC\nvec = TfidfVectorizer()\n"
            "X = vec.fit_transform(all_texts)\nmodel = LinearSVC()\nmodel.fit(X, labels)\n")
    assert found(run_cli, tmp_path, {"train.py": train, "tune.py": tune},
                 "train.py", "tune.py") == []
    continued = tune.replace("model = LinearSVC()", "model = joblib.load('svc.joblib')")
    continued = "import joblib\n" + continued
    assert [c for c, _ in found(run_cli, tmp_path, {"train.py": train, "tune.py": continued},
                                "train.py", "tune.py")] == ["FT107"]


def test_lightning_load_from_checkpoint_passes_its_keywords_to_init(run_cli, tmp_path):
    """values: Class.load_from_checkpoint(path, lr=...) builds the module with that lr."""
    module = ("import lightning as L\nimport torch\n\n\nclass Lit(L.LightningModule):\n"
              "    def __init__(self, lr=1e-3):\n        super().__init__()\n"
              "        self.lr = lr\n\n    def configure_optimizers(self):\n"
              "        return torch.optim.Adam(self.parameters(), lr=self.lr)\n\n\n")
    files = {"train.py": module + "model = Lit(lr=1e-3)\n",
             "tune.py": module + "model = Lit.load_from_checkpoint('a.ckpt', lr=1e-2)\n"}
    assert [c for c, _ in found(run_cli, tmp_path, files, "train.py", "tune.py")] == ["FT401"]


def test_a_fine_tuned_folder_names_no_tokenizer_family(run_cli, tmp_path):
    """knowledge: 'mlm-legal/final' is a folder, not a checkpoint of family 'final'."""
    script = ("from transformers import AutoModel, AutoTokenizer\n"
              "tok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
              "model = AutoModel.from_pretrained('mlm-legal/final')\n")
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == []


def test_apply_or_an_unread_bn_helper_after_train_is_unknown(run_cli, tmp_path):
    """escape: model.apply(fn) or an unread `freeze_bn(model)` may put BatchNorm in eval."""
    for tail in ("    net.apply(set_bn_eval)\n", "    freeze_bn(net)\n"):
        script = RESNET_NET.replace("import torch, torchvision",
                                    "import torch, torchvision\nfrom bntools import freeze_bn")
        script += "for x, y in loader:\n    net.train()\n" + tail + "    opt.step()\n"
        assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == [], tail


def test_parameter_groups_compare_the_rate_of_pretrained_parts(run_cli, tmp_path):
    """optimizer groups: the head group of a loaded model may be new (unknown); a group of
    its pretrained body at a higher rate is reported."""
    train = ("import torch\nfrom transformers import AutoModelForSequenceClassification\n"
             "model = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\n"
             "opt = torch.optim.AdamW(model.parameters(), lr=5e-5)\n")
    tune = ("import torch\nfrom transformers import AutoModelForSequenceClassification\n"
            "model = AutoModelForSequenceClassification.from_pretrained('bert-base-uncased')\n"
            "opt = torch.optim.AdamW([{'params': model.classifier.parameters(), 'lr': 1e-3},\n"
            "                         {'params': model.bert.parameters(), 'lr': BODY}])\n")
    files = {"train.py": train, "tune.py": tune.replace("BODY", "2e-5")}
    assert found(run_cli, tmp_path, files, "train.py", "tune.py") == []
    files = {"train.py": train, "tune.py": tune.replace("BODY", "5e-4")}
    assert found(run_cli, tmp_path, files, "train.py", "tune.py") == [("FT401", 4)]


def test_train_and_eval_on_the_two_branches_of_an_if(run_cli, tmp_path):
    """modes and branches: `if phase == "train": model.train() else: model.eval()` leaves
    the frozen part in train mode on the training path (the eval() is the other path)."""
    script = """\
        import torch, torchvision
        from torch import nn

        def run(model, loaders, opt):
            for phase in ["train", "val"]:
                if phase == "train":
                    model.train()
                else:
                    model.eval()
                for x, y in loaders[phase]:
                    out = model(x)

        model = torchvision.models.resnet18(pretrained=True)
        for p in model.parameters():
            p.requires_grad = False
        model.fc = nn.Linear(512, 3)
        run(model, loaders, torch.optim.SGD(model.fc.parameters(), lr=0.01))
    """
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == [("FT604", 7)]


def test_multiplying_pixels_by_a_constant_scale_is_a_scaling(run_cli, tmp_path):
    """data path: `img *= 1. / 255` scales the pixels; `Rescaling(1. / 255)`'s argument is
    only a number."""
    script = ("import tensorflow.keras as keras\nmodel = keras.applications.VGG16()\n"
              "img = keras.preprocessing.image.img_to_array(keras.preprocessing.image.load_img("
              "'a.jpg', target_size=(224, 224)))\nimg *= 1. / 255\nres = model.predict(img)\n")
    assert [c for c, _ in found(run_cli, tmp_path, {"s.py": script}, "s.py")] == ["FT204"]


def test_lightning_hparams_and_timm_optimizer_factories(run_cli, tmp_path):
    """values and optimizers: `self.hparams.lr` is __init__'s lr (save_hyperparameters);
    timm's create_optimizer_v2(model, opt=..., lr=...) is an optimizer over the model."""
    module = ("import lightning as L\nimport timm\nimport torch\n\n\n"
              "class Lit(L.LightningModule):\n    def __init__(self, lr=1e-3):\n"
              "        super().__init__()\n        self.save_hyperparameters()\n"
              "        self.net = timm.create_model('resnet50', pretrained=True)\n\n"
              "    def configure_optimizers(self):\n"
              "        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)\n\n\n")
    files = {"train.py": module + "model = Lit(lr=1e-4)\n",
             "tune.py": module + "model = Lit(lr=1e-2)\n"}
    assert found(run_cli, tmp_path, files, "train.py", "tune.py") == [("FT401", 13)]
    factory = ("import timm\nfrom timm.optim import create_optimizer_v2\n"
               "model = timm.create_model('convnext_tiny', pretrained=True)\n"
               "opt = create_optimizer_v2({params}, opt='adamw', lr={lr})\n")
    files = {"t.py": factory.format(params="model", lr="1e-4"),
             "f.py": factory.format(params="model", lr="1e-2")}
    assert found(run_cli, tmp_path, files, "t.py", "f.py") == [("FT401", 4)]
    files["f.py"] = factory.format(params="model.head", lr="1e-2")
    assert found(run_cli, tmp_path, files, "t.py", "f.py") == []  # a head alone


def test_an_inherited_bn_method_makes_the_mode_unknown(run_cli, tmp_path):
    """escape: `net.freeze_bn()` defined in a base class ftlint does not read."""
    script = RESNET_NET + "for x, y in loader:\n    net.train()\n    net.freeze_bn()\n" \
                          "    loss = crit(net(x), y)\n"
    assert found(run_cli, tmp_path, {"s.py": script}, "s.py") == []


def test_raw_pixels_into_keras_weights_with_tf_keras_2_module_paths(run_cli, tmp_path):
    """data path and knowledge: keras.applications.resnet50.ResNet50 (tf.keras 2.x path) fed
    load_img pixels with no preprocessing; `keras.preprocessing` is a module path, not a
    scaling; x / np.max(x) puts the pixels in [0, 1] whatever their maximum, which is not
    the caffe preprocessing the weights expect either."""
    script = ("import numpy as np\nfrom keras.applications.resnet50 import ResNet50\n"
              "from keras.preprocessing import image\nmodel = ResNet50()\n"
              "x = image.img_to_array(image.load_img('a.jpg', target_size=(224, 224)))\n"
              "{line}features = model.predict(np.expand_dims(x, 0))\n")
    assert [c for c, _ in found(run_cli, tmp_path, {"a.py": script.format(line="")}, "a.py")] \
        == ["FT204"]
    by_maximum = script.format(line="x = x / np.max(x)\n")
    assert found(run_cli, tmp_path, {"b.py": by_maximum}, "b.py") == [("FT204", 6)]


def test_a_backbone_built_with_another_norm_layer_is_unknown(run_cli, tmp_path):
    """knowledge: resnet50(norm_layer=FrozenBatchNorm2d) keeps no running statistics that
    train mode would move; a helper of torch.nn (convert_sync_batchnorm) is no new layer."""
    script = ("import torch, torchvision\nfrom torchvision.ops import FrozenBatchNorm2d\n"
              "model = torchvision.models.resnet50(weights='DEFAULT', norm_layer=FrozenBatchNorm2d)\n"
              "model.requires_grad_(False)\nfor x in loader:\n    model.train()\n    model(x)\n")
    assert found(run_cli, tmp_path, {"a.py": script}, "a.py") == []
    sync = ("import torch, torchvision\nmodel = torchvision.models.resnet50(weights='DEFAULT')\n"
            "model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)\n"
            "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n")
    base = "import torch\nopt = torch.optim.SGD(model.parameters(), lr=0.01)\n"
    assert [c for c, _ in found(run_cli, tmp_path, {"t.py": base, "s.py": sync}, "t.py", "s.py")
            ] == ["FT401"]


def test_function_level_imports_of_one_name_from_two_modules(run_cli, tmp_path):
    """names: `preprocess_input` imported inside two functions from two applications is
    neither of them for the whole file (each backbone gets its own preprocessing)."""
    script = ("def vgg(x):\n    from keras.applications.vgg16 import VGG16, preprocess_input\n"
              "    return VGG16(weights='imagenet').predict(preprocess_input(x))\n\n\n"
              "def inception(x):\n"
              "    from keras.applications.inception_v3 import InceptionV3, preprocess_input\n"
              "    return InceptionV3(weights='imagenet').predict(preprocess_input(x))\n")
    assert found(run_cli, tmp_path, {"a.py": script}, "a.py") == []


# -- values across functions: returned tuples, `except` fallbacks, receivers ---------------
TUPLE_BUILD = textwrap.dedent("""\
    import torch, torchvision

    def build():
        backbone = torchvision.models.resnet50(pretrained=True)
        for p in backbone.parameters():
            p.requires_grad = False
        head = torch.nn.Linear(2048, 10)
        return backbone, head

    backbone, head = build()
    opt = torch.optim.SGD(head.parameters(), lr=0.1)
    backbone.{mode}()
    for x, y in loader:
        loss = crit(head(backbone(x)), y)
        opt.step()
""")


def test_a_returned_tuple_is_unpacked_into_its_objects(run_cli, tmp_path):
    """returns: `return backbone, head` unpacked by `backbone, head = build()` keeps the
    frozen pretrained ResNet, so train() on it is seen; eval() on it is fine."""
    files = {"s.py": TUPLE_BUILD.format(mode="train")}
    assert found(run_cli, tmp_path, files, "s.py") == [("FT604", 12)]
    files = {"s.py": TUPLE_BUILD.format(mode="eval")}
    assert found(run_cli, tmp_path, files, "s.py") == []


LOADED_ELSEWHERE = textwrap.dedent("""\
    import pickle
    from sklearn.linear_model import SGDRegressor
    from sklearn.preprocessing import StandardScaler

    def load_model():
        try:
            with open("model.pkl", "rb") as f:
                model = pickle.load(f)
        except FileNotFoundError:
            model = SGDRegressor()
        {scaler}
        return model, scaler

    def train(model, scaler, frame):
        X, y = frame.drop(columns=["y"]), frame["y"]
        scaler.fit(X)
        model.partial_fit(scaler.transform(X), y)

    def main():
        model, scaler = load_model()
        train(model, scaler, read())
        with open("model.pkl", "wb") as f:
            pickle.dump(model, f)

    main()
""")


def test_a_model_loaded_in_one_function_continues_in_another(run_cli, tmp_path):
    """receivers and fallbacks: the unpickled model reaches train() through a returned tuple
    and a parameter (the `except` fallback is the failure path, not the one that runs when
    the file exists); the scaler built beside it is fitted fresh in train(), so the loaded
    weights get features scaled by another fit (FT305)."""
    files = {"s.py": LOADED_ELSEWHERE.format(scaler="scaler = StandardScaler()")}
    assert found(run_cli, tmp_path, files, "s.py") == [("FT305", 16)]


def test_a_scaler_loaded_beside_the_model_is_not_a_fresh_fit(run_cli, tmp_path):
    """receivers: a scaler unpickled with the model is the pretraining's own; only a scaler
    the program built here counts as fitted fresh (refitting a loaded one is FT302's)."""
    files = {"s.py": LOADED_ELSEWHERE.format(
        scaler='scaler = pickle.load(open("scaler.pkl", "rb"))')}
    assert ("FT305", 16) not in found(run_cli, tmp_path, files, "s.py")


def test_a_tuple_from_several_returns_unpacks_each_of_them(run_cli, tmp_path):
    """returns: `restore()` returns `model, 0` early and `model, epoch` after loading; the
    unpacked model is the same object on both paths, so the optimizer is known to move
    loaded weights (layer2-4; layer1 is frozen) at 10x the pretraining rate (FT401). Without
    the model, a frozen part leaves it unknown whether pretrained weights train: silent."""
    restore = ("import torch\n\ndef restore(model, path, force=False):\n"
               "    if not force:\n        return model, 0\n"
               "    model.load_state_dict(torch.load(path)['state'])\n"
               "    return model, 1\n")
    pretrain = ("import torch, torchvision\nmodel = torchvision.models.resnet18()\n"
                "opt = torch.optim.Adam(model.parameters(), lr=1e-5)\n"
                "for x, y in loader:\n    crit(model(x), y).backward()\n    opt.step()\n"
                "torch.save({'state': model.state_dict()}, 'src.pt')\n")
    finetune = ("import torch, torchvision\nfrom common import restore\n"
                "model = torchvision.models.resnet18()\n"
                "model, start = restore(model, 'src.pt', force=True)\n"
                "for p in model.layer1.parameters():\n    p.requires_grad = False\n"
                "opt = torch.optim.Adam(model.parameters(), lr=1e-4)\n"
                "for x, y in loader:\n    crit(model(x), y).backward()\n    opt.step()\n")
    files = {"common.py": restore, "pretrain.py": pretrain, "finetune.py": finetune}
    assert ("FT401", 7) in found(run_cli, tmp_path, files, "pretrain.py", "finetune.py")


VGG_BN_PROBE = textwrap.dedent("""\
    import torch
    from torchvision import models

    def initialize(num_classes):
        model = models.{arch}(pretrained=True)
        for param in model.parameters():
            param.requires_grad = False
        model.classifier[6] = torch.nn.Linear(4096, num_classes)
        return model, 224

    def train_loop(model, optimizer):
        for epoch in range(10):
            model.train()
            for x, y in loader:
                loss = crit(model(x), y)
                loss.backward()
                optimizer.step()

    def predict(image):
        model_ft.eval()
        return model_ft(image)

    model_ft, size = initialize(2)
    train_loop(model=model_ft, optimizer=torch.optim.Adam(model_ft.classifier[6].parameters()))
""")


def test_every_torchvision_classifier_is_a_known_architecture(run_cli, tmp_path):
    """knowledge table: vgg19_bn is a torchvision network with BatchNorm (plain vgg19 has
    none), and the report names the train() that set the mode before the step, not the
    eval() a later function calls."""
    files = {"s.py": VGG_BN_PROBE.format(arch="vgg19_bn")}
    result = lint(run_cli, tmp_path, files, "s.py")
    assert [(f["code"], f["line"]) for f in result] == [("FT604", 13)]
    files = {"s.py": VGG_BN_PROBE.format(arch="vgg19")}
    assert found(run_cli, tmp_path, files, "s.py") == []


RESTORE_HELPER = textwrap.dedent("""\
    import torch

    def restore(model, path, pretrain=False):
        checkpoint = torch.load(path)
        if pretrain:
            model.load_state_dict(checkpoint["state_dict"], strict=False)
        else:
            model.load_state_dict(checkpoint["state_dict"])
        return model
""")


def test_a_parameter_no_call_here_passes_may_take_any_value(run_cli, tmp_path):
    """evaluator, branches: a helper module's `if pretrain:` is not dead because the
    parameter defaults to False; its callers live in other files. When this file calls it
    without the flag, the default is what runs, and the branch is dead."""
    assert found(run_cli, tmp_path, {"h.py": RESTORE_HELPER}, "h.py") == [("FT702", 6)]
    called = RESTORE_HELPER + "\nmodel = restore(model, 'a.pt')\n"
    assert found(run_cli, tmp_path, {"h.py": called}, "h.py") == []


# -- which rows a fit reads; which imported code runs ---------------------------------------
SUBSET_PRETRAIN = textwrap.dedent("""\
    import pandas as pd, torch
    from sklearn.preprocessing import StandardScaler
    df = pd.read_csv("accidents.csv")
    X = StandardScaler().fit_transform(df.iloc[:, :-1].values)
    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    torch.save(model.state_dict(), "pre.pth")
""")
SUBSET_FINETUNE = textwrap.dedent("""\
    import pandas as pd, torch
    from sklearn.preprocessing import StandardScaler
    df = pd.read_csv("accidents.csv")
    rows = {rows}
    scaler = StandardScaler()
    X = scaler.fit_transform(rows.iloc[:, :-1].values)
    model = Net()
    model.load_state_dict(torch.load("pre.pth"))
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
""")


def test_a_fit_on_some_rows_of_the_same_file_learns_other_statistics(run_cli, tmp_path):
    """data flow, rows: fine-tuning reads the pretraining's CSV but fits its scaler on a
    sample of it (or on the rows of one company): other statistics (FT302). Fitting on the
    whole table again is the same fit, and silent."""
    for rows in ("df.sample(n=64)", "df[df['company'] == 2]"):
        files = {"pre.py": SUBSET_PRETRAIN,
                 "ft.py": SUBSET_FINETUNE.format(rows=rows)}
        assert ("FT302", 6) in found(run_cli, tmp_path, files, "pre.py", "ft.py")
    files = {"pre.py": SUBSET_PRETRAIN, "ft.py": SUBSET_FINETUNE.format(rows="df")}
    assert found(run_cli, tmp_path, files, "pre.py", "ft.py") == []


def test_a_function_imported_and_never_called_does_not_run(run_cli, tmp_path):
    """imports: `from data import prepare` is not a call; the scaler prepare() fits is not
    the fine-tuning script's, while the one it fits itself is."""
    data = ("from sklearn.preprocessing import StandardScaler\n\n"
            "def prepare(frame):\n    return StandardScaler().fit_transform(frame)\n")
    files = {"data.py": data, "pre.py": SUBSET_PRETRAIN,
             "ft.py": "from data import prepare\n" + SUBSET_FINETUNE.format(rows="df.sample(9)")}
    assert [c for c in found(run_cli, tmp_path, files, "pre.py", "ft.py")
            if c[0] == "FT302"] == [("FT302", 7)]


# -- branches a call's arguments rule out, defaults included ---------------------------------
_FREEZER = """\
    import torchvision
    from torch import nn

    def set_requires_grad(model, feature_extracting):
        if feature_extracting:
            for param in model.parameters():
                param.requires_grad = False

    class Model(nn.Module):
        def __init__(self, freeze=False):
            super().__init__()
            self.net = torchvision.models.resnet18(weights="IMAGENET1K_V1")
            set_requires_grad(self.net, freeze)
            self.net.fc = nn.Linear(512, 5)
"""


def test_a_default_the_call_leaves_rules_out_the_freezing_branch(run_cli, tmp_path):
    """Calls and their branches: `Model()` leaves freeze=False, so `if feature_extracting:`
    of the helper it calls with that parameter never runs: nothing is frozen, and train()
    on the whole model is normal fine-tuning. Passed True, the caller's own parameter
    carries the value into the helper: a frozen BatchNorm backbone in train mode."""
    loop = ("import torch\nfrom model import Model\nmodel = Model({})\n"
            "opt = torch.optim.Adam(model.parameters(), lr=1e-4)\n"
            "for x, y in loader:\n    model.train()\n    model(x).sum().backward()\n"
            "    opt.step()\n")
    files = {"model.py": _FREEZER, "train.py": loop.format("")}
    assert found(run_cli, tmp_path / "a", files, "train.py") == []
    files["train.py"] = loop.format("freeze=True")
    assert [code for code, _ in found(run_cli, tmp_path / "b", files, "train.py")] == ["FT604"]
    files["train.py"] = loop.format("freeze=args.freeze")  # unknown: not ruled out either
    assert [code for code, _ in found(run_cli, tmp_path / "c", files, "train.py")] == ["FT604"]


def test_a_frameworks_star_import_binds_the_classes_the_file_calls(run_cli, tmp_path):
    """Imports: `from transformers import *` is the file's one framework star import, so
    `BertTokenizer` is transformers' (a project module's star import is bound before it)."""
    files = {"params.py": "MAX_LEN = 128\n",
             "train.py": "from transformers import *\nfrom params import *\n"
                         "tok = BertTokenizer.from_pretrained('bert-base-cased', "
                         "do_lower_case=True)\n"}
    assert found(run_cli, tmp_path / "a", files, "train.py") == [("FT110", 3)]
    files["train.py"] = "from transformers import *\nfrom keras.layers import *\n" + \
        files["train.py"].split("\n", 2)[2]  # two frameworks: where it comes from is unknown
    assert found(run_cli, tmp_path / "b", files, "train.py") == []
