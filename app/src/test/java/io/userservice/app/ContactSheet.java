package io.userservice.app;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One image of the hosted pages: each page on a phone, light and dark side by side, from the
 * screenshots the browser tests saved ({@code {page}-phone-light.png}, {@code {page}-phone-dark.png}).
 * Runs on its own too, from the JDK alone:
 * {@code java app/src/test/java/io/userservice/app/ContactSheet.java app/target/pages/en docs/hosted-pages.png}.
 */
final class ContactSheet {

    /** The pages in the order a person meets them. */
    static final List<String> PAGES = List.of("sign-in", "sign-in-error", "home", "signed-out", "forgot",
            "forgot-error", "forgot-sent", "reset", "reset-error", "reset-done", "confirm", "confirmed",
            "link-problem");

    private static final double SCALE = 0.6;
    private static final int PAIRS_PER_ROW = 4;
    private static final int GAP = 12;
    private static final int PAIR_GAP = 36;
    private static final int LABEL = 28;
    private static final int MARGIN = 24;

    private ContactSheet() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ContactSheet SCREENSHOT_DIRECTORY OUTPUT.png");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        write(Path.of(args[0]), Path.of(args[1]));
    }

    /** Writes the sheet of the pages found in {@code directory}; pages without screenshots are left out. */
    static void write(Path directory, Path out) throws IOException {
        List<String> names = new ArrayList<>();
        List<BufferedImage[]> pairs = new ArrayList<>();
        for (String page : PAGES) {
            Path light = directory.resolve(page + "-phone-light.png");
            Path dark = directory.resolve(page + "-phone-dark.png");
            if (Files.exists(light) && Files.exists(dark)) {
                names.add(page);
                pairs.add(new BufferedImage[] {ImageIO.read(light.toFile()), ImageIO.read(dark.toFile())});
            }
        }
        if (pairs.isEmpty()) {
            throw new IOException("no phone screenshots in " + directory);
        }
        int tileWidth = (int) Math.round(pairs.get(0)[0].getWidth() * SCALE);
        int tileHeight = (int) Math.round(pairs.get(0)[0].getHeight() * SCALE);
        int pairWidth = 2 * tileWidth + GAP;
        int columns = Math.min(PAIRS_PER_ROW, pairs.size());
        int rows = (pairs.size() + PAIRS_PER_ROW - 1) / PAIRS_PER_ROW;
        int width = 2 * MARGIN + columns * pairWidth + (columns - 1) * PAIR_GAP;
        int height = 2 * MARGIN + rows * (LABEL + tileHeight) + (rows - 1) * PAIR_GAP;

        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xe9, 0xeb, 0xef));
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            for (int i = 0; i < pairs.size(); i++) {
                int x = MARGIN + (i % PAIRS_PER_ROW) * (pairWidth + PAIR_GAP);
                int y = MARGIN + (i / PAIRS_PER_ROW) * (LABEL + tileHeight + PAIR_GAP);
                g.setColor(new Color(0x1f, 0x23, 0x28));
                g.drawString(names.get(i), x, y + LABEL - 10);
                for (int side = 0; side < 2; side++) {
                    int tileX = x + side * (tileWidth + GAP);
                    g.drawImage(pairs.get(i)[side], tileX, y + LABEL, tileWidth, tileHeight, null);
                    g.setColor(new Color(0x8c, 0x95, 0x9f));
                    g.drawRect(tileX, y + LABEL, tileWidth - 1, tileHeight - 1);
                }
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(sheet, "png", out.toFile());
    }
}
