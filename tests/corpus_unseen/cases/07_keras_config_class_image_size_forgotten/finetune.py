"""Fine-tune the PlantVillage CNN on phone photos taken in the field."""
from tensorflow import keras


class Config:
    data_dir = "data/field_photos"
    batch_size = 16
    epochs = 10
    lr = 1e-4
    num_classes = 38
    ckpt = "models/plant_cnn.keras"
    out = "models/plant_cnn_field.keras"


train_ds = keras.utils.image_dataset_from_directory(
    Config.data_dir, validation_split=0.2, subset="training", seed=7,
    batch_size=Config.batch_size, label_mode="categorical",
)
val_ds = keras.utils.image_dataset_from_directory(
    Config.data_dir, validation_split=0.2, subset="validation", seed=7,
    batch_size=Config.batch_size, label_mode="categorical",
)

model = keras.models.load_model(Config.ckpt)
model.compile(
    optimizer=keras.optimizers.Adam(Config.lr),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)
callbacks = [
    keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True),
    keras.callbacks.ModelCheckpoint(Config.out, save_best_only=True),
]
model.fit(train_ds, validation_data=val_ds, epochs=Config.epochs, callbacks=callbacks)
