import tensorflow as tf

ds = tf.keras.utils.image_dataset_from_directory("cats_dogs/more", image_size=(160, 160))
model = tf.keras.models.load_model("cats_dogs_head.keras")  # [model]
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-5),  # [lr]
              loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))
model.fit(ds, epochs=5)
