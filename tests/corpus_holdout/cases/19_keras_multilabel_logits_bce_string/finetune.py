import logging

import keras
import tensorflow as tf

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("tagger-shop")

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


def main():
    train_ds = dataset("data/shop_photos/train.csv", training=True)
    test_ds = dataset("data/shop_photos/test.csv", training=False)
    model = keras.models.load_model("models/coco_tagger.keras")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-4),
        loss="binary_crossentropy",
        metrics=[keras.metrics.AUC(multi_label=True, num_labels=NUM_TAGS, name="auc")],
    )
    model.fit(train_ds, validation_data=test_ds, epochs=6)
    results = model.evaluate(test_ds, return_dict=True)
    logger.info("test AUC %.4f", results["auc"])
    model.save("models/shop_tagger.keras")


if __name__ == "__main__":
    main()
