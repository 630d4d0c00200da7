package io.turnpike.plugins.grpctranscode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.api.AnnotationsProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Reads a descriptor set, as {@code protoc --include_imports --descriptor_set_out} writes it, into the
 * descriptors of its files, with their {@code google.api.http} options readable.
 */
final class DescriptorSets {

    private DescriptorSets() {
    }

    /**
     * Reads and links the files of a descriptor set.
     *
     * @param file the set
     * @return every file of the set, each linked to the files it imports
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a descriptor set, or not a complete one; the message
     *                                  says which and how to make one
     */
    static List<FileDescriptor> load(Path file) throws IOException {
        ExtensionRegistry registry = ExtensionRegistry.newInstance();
        AnnotationsProto.registerAllExtensions(registry);
        FileDescriptorSet set;
        try (InputStream in = Files.newInputStream(file)) {
            set = FileDescriptorSet.parseFrom(in, registry);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("is not a descriptor set (" + e.getMessage() + "); make one with "
                    + "protoc --include_imports --descriptor_set_out=FILE");
        }
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        set.getFileList().forEach(proto -> protos.put(proto.getName(), proto));
        if (protos.isEmpty()) {
            throw new IllegalArgumentException("holds no .proto file");
        }
        Map<String, FileDescriptor> linked = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String name : protos.keySet()) {
            files.add(link(name, protos, linked, new ArrayList<>()));
        }
        return files;
    }

    private static FileDescriptor link(String name, Map<String, FileDescriptorProto> protos,
                                       Map<String, FileDescriptor> linked, List<String> importing) {
        FileDescriptor done = linked.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalArgumentException(importing.getLast() + " imports " + name + ", which the set does not"
                    + " hold; make the set with protoc --include_imports");
        }
        if (importing.contains(name)) {
            throw new IllegalArgumentException(name + " imports itself through " + String.join(", ", importing));
        }
        importing.add(name);
        FileDescriptor[] dependencies = proto.getDependencyList().stream()
                .map(dependency -> link(dependency, protos, linked, importing))
                .toArray(FileDescriptor[]::new);
        importing.removeLast();
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
            linked.put(name, file);
            return file;
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException(name + " is not valid: " + e.getMessage());
        }
    }
}
