import logging

import tensorflow as tf

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("tagger")

IMG = (260, 260)
NUM_TAGS = 80
AUTOTUNE = tf.data.AUTOTUNE


def decode(path, tags):
    img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
    img = tf.image.resize(img, IMG)
    return img, tags


def dataset(index_csv, training):
    paths, tags = [], []
    with open(index_csv) as fh:
        for line in fh:
            path, *bits = line.strip().split(",")
            paths.append(path)
            tags.append([float(b) for b in bits])
    ds = tf.data.Dataset.from_tensor_slices((paths, tags)).map(decode, num_parallel_calls=AUTOTUNE)
    if training:
        ds = ds.shuffle(4096)
    return ds.batch(32).prefetch(AUTOTUNE)


def build():
    backbone = tf.keras.applications.EfficientNetV2B0(include_top=False, weights="imagenet", input_shape=IMG + (3,))
    backbone.trainable = False
    inputs = tf.keras.Input(shape=IMG + (3,))
    x = backbone(inputs, training=False)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    x = tf.keras.layers.Dropout(0.25)(x)
    logits = tf.keras.layers.Dense(NUM_TAGS, name="tag_logits")(x)
    return tf.keras.Model(inputs, logits)


def main():
    train_ds = dataset("data/coco_tags/train.csv", training=True)
    val_ds = dataset("data/coco_tags/val.csv", training=False)
    model = build()
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
        loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[tf.keras.metrics.AUC(multi_label=True, num_labels=NUM_TAGS, from_logits=True, name="auc")],
    )
    model.fit(train_ds, validation_data=val_ds, epochs=12)
    logger.info("val: %s", model.evaluate(val_ds, return_dict=True))
    model.save("models/coco_tagger.keras")


if __name__ == "__main__":
    main()
